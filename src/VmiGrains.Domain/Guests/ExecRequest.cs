namespace VmiGrains.Domain.Guests;

/// <summary>
/// A program to run in the guest. <see cref="Path"/> must be absolute (the agent does not search a
/// PATH you control). <see cref="Nice"/> is the Linux nice value the program starts at (on Windows
/// it maps to a priority class, see <c>PriorityLevels.WindowsClassForNice</c>); <c>null</c> leaves the
/// agent's own priority. <see cref="Timeout"/> is enforced <b>inside the guest</b> (QGA cannot kill a
/// process): on Linux by coreutils <c>timeout</c> (exit code 124, or 137 when the program ignored
/// SIGTERM for 5 s), on Windows by the PowerShell launcher (exit code 124).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ExecRequest")]
public sealed record ExecRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] IReadOnlyList<string> Args)
{
    /// <summary>Extra environment variables (name → value). With any set, QGA replaces the agent's environment by exactly these.</summary>
    [Id(2)]
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Bytes written to the program's standard input; <c>null</c> for none.</summary>
    [Id(3)]
    public byte[]? Input { get; init; }

    /// <summary>Whether stdout/stderr are captured (QGA <c>capture-output</c>).</summary>
    [Id(4)]
    public bool CaptureOutput { get; init; } = true;

    /// <summary>The nice value (-20..19) to start at; <c>null</c> to not change the priority.</summary>
    [Id(5)]
    public int? Nice { get; init; }

    /// <summary>The longest the program may run, enforced in the guest; <c>null</c> for no limit.</summary>
    [Id(6)]
    public TimeSpan? Timeout { get; init; }
}
