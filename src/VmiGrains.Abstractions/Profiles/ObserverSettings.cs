namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// What the VMI watches inside its guest through the agent (profile field <c>observers</c>), and how
/// often. Each observer is one member.
/// The first poll after an attach is a baseline: what is already there raises no event.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ObserverSettings")]
public sealed record ObserverSettings
{
    /// <summary>
    /// The interval used when a profile does not set one: 1 s, so a process start or a traced call reaches a rule
    /// within 2 s (p99) on a real guest; at 2 s the p99 is the interval plus the poll, 2.0–2.1 s (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the guest is polled; 1 s to 1 h, default 1 s.</summary>
    [Id(0)] public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>Whether logins and logouts (<c>guest-get-users</c>) become <c>login</c>/<c>logout</c> events.</summary>
    [Id(1)] public bool Users { get; init; }

    /// <summary>
    /// Applications whose processes starting and stopping become <c>app_start</c>/<c>app_stop</c> events:
    /// a bare name matches the process name (comm, first 15 characters), an absolute path the exact executable.
    /// </summary>
    [Id(2)] public IReadOnlyList<string> Applications { get; init; } = [];

    /// <summary>The system-call tracer, or null when system calls are not observed.</summary>
    [Id(3)] public SyscallObserver? Syscalls { get; init; }

    /// <summary>Whether any observer is on.</summary>
    public bool Any => Users || Applications.Count > 0 || Syscalls is not null;

    /// <summary>Structural equality (applications in order).</summary>
    public bool Equals(ObserverSettings? other) =>
        other is not null && Interval == other.Interval && Users == other.Users && Applications.SequenceEqual(other.Applications) && Equals(Syscalls, other.Syscalls);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Interval, Users, Applications.Count);
}
