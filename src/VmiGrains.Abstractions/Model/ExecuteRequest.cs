namespace VmiGrains.Abstractions.Model;

/// <summary>
/// The trigger: run <see cref="Path"/> in the guest, optionally under <see cref="ProfileId"/> (applied
/// first; only for this run when <see cref="Scoped"/>), at the priority the active profile gives
/// <see cref="App"/> (default: the program's file name).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ExecuteRequest")]
public sealed record ExecuteRequest
{
    /// <summary>Absolute path of the program in the guest.</summary>
    [Id(0)] public required string Path { get; init; }

    /// <summary>Arguments.</summary>
    [Id(1)] public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables (replace the guest's environment).</summary>
    [Id(2)] public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The application name whose priority applies; default the program's file name.</summary>
    [Id(3)] public string? App { get; init; }

    /// <summary>A profile to apply first.</summary>
    [Id(4)] public string? ProfileId { get; init; }

    /// <summary>Apply <see cref="ProfileId"/> only for this run, reverting when it ends or times out.</summary>
    [Id(5)] public bool Scoped { get; init; }

    /// <summary>Kill the program after this long; default none.</summary>
    [Id(6)] public TimeSpan? Timeout { get; init; }

    /// <summary>Capture stdout and stderr.</summary>
    [Id(7)] public bool CaptureOutput { get; init; } = true;
}
