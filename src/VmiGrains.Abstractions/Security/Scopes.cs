namespace VmiGrains.Abstractions.Security;

/// <summary>
/// What a caller may do, for REST tokens and gateway client certificates alike: <see cref="Read"/>,
/// <see cref="Write"/> (changes), <see cref="Exec"/> (running programs in guests; not implied by write).
/// </summary>
public static class Scopes
{
    /// <summary>Reading: lists, views, decisions, execution results.</summary>
    public const string Read = "read";

    /// <summary>Changing: profiles, attach/detach, feedback.</summary>
    public const string Write = "write";

    /// <summary>Running programs in guests.</summary>
    public const string Exec = "exec";

    /// <summary>Every scope, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> All = [Read, Write, Exec];
}
