namespace VmiGrains.Domain.Guests;

/// <summary>
/// A program started in the guest: the pid QGA returned (the outermost process, which is the
/// <c>nice</c>/<c>timeout</c> wrapper on Linux and the PowerShell launcher on Windows when a
/// priority or timeout was requested), when it was started (the instant the request was sent, never
/// later than the program began), the in-guest time limit, the exact command
/// and the guest's OS family.
/// Persist it to ask for the status later.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ExecHandle")]
public sealed record ExecHandle(
    [property: Id(0)] long Pid,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] TimeSpan? Timeout,
    [property: Id(3)] GuestCommand Command,
    [property: Id(4)] GuestOsFamily Family);
