namespace VmiGrains.Domain.Guests;

/// <summary>What <c>guest-info</c> reports: the agent's version and which commands are enabled.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestAgentInfo")]
public sealed record GuestAgentInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] IReadOnlyList<string> EnabledCommands,
    [property: Id(2)] IReadOnlyList<string> DisabledCommands)
{
    /// <summary>The commands VmiGrains needs for program execution and priorities.</summary>
    public static readonly IReadOnlyList<string> RequiredCommands = ["guest-sync-delimited", "guest-ping", "guest-info", "guest-get-osinfo", "guest-exec", "guest-exec-status"];

    /// <summary>The <see cref="RequiredCommands"/> this agent does not enable; empty when all are there.</summary>
    public IReadOnlyList<string> MissingRequiredCommands => [.. RequiredCommands.Where(c => !EnabledCommands.Contains(c, StringComparer.Ordinal))];
}
