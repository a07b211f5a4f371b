namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// The system-call observer (<c>observers.syscalls</c>): strace attached in the guest to the processes
/// of <see cref="Applications"/> (and their children), tracing only <see cref="Calls"/>; each poll's
/// calls become <c>syscall</c> events, one per application and call.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.SyscallObserver")]
public sealed record SyscallObserver
{
    /// <summary>Applications whose processes are traced: process names (comm) or absolute executable paths, as in <see cref="ObserverSettings.Applications"/>.</summary>
    [Id(0)] public IReadOnlyList<string> Applications { get; init; } = [];

    /// <summary>System calls traced (strace names, e.g. <c>execve</c>, <c>connect</c>).</summary>
    [Id(1)] public IReadOnlyList<string> Calls { get; init; } = [];

    /// <summary>
    /// Absolute directories or files: when not empty, a file call (<c>openat</c>, <c>unlink</c>, …) is reported only
    /// when its path is one of these or lies under one (a relative path cannot be placed and is reported). Other
    /// calls are not filtered. The filter is applied on the host: the guest's tracer still stops on every traced call.
    /// </summary>
    [Id(2)] public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Structural equality (lists in order).</summary>
    public bool Equals(SyscallObserver? other) =>
        other is not null && Applications.SequenceEqual(other.Applications) && Calls.SequenceEqual(other.Calls) && Paths.SequenceEqual(other.Paths);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Applications.Count, Calls.Count);
}
