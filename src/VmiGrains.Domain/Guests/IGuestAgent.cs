namespace VmiGrains.Domain.Guests;

/// <summary>
/// The QEMU guest agent of one VMI, as grains see it. Every method returns a
/// <see cref="GuestAgentResult{T}"/>: agent trouble is a result, never an exception (only
/// cancellation through <see cref="CancellationToken"/> throws). Calls to one agent are serialised
/// (QGA serves one client at a time); implementations are safe to share.
/// </summary>
public interface IGuestAgent
{
    /// <summary><c>guest-ping</c>: <c>true</c> when the agent answered.</summary>
    Task<GuestAgentResult<bool>> PingAsync(CancellationToken cancellationToken = default);

    /// <summary><c>guest-info</c>: agent version and enabled commands.</summary>
    Task<GuestAgentResult<GuestAgentInfo>> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary><c>guest-get-osinfo</c> (cached after the first success): which command builder applies.</summary>
    Task<GuestAgentResult<GuestOsInfo>> GetOsInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates <paramref name="request"/> (nothing runs when it is invalid), builds the command for
    /// the guest's OS (priority and in-guest time limit) and starts it with <c>guest-exec</c>.
    /// </summary>
    Task<GuestAgentResult<ExecHandle>> StartAsync(ExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>guest-exec-status</c> for a started program. QGA forgets a process once it reported its
    /// exit, so the final status is kept by this client and returned again on later calls.
    /// </summary>
    Task<GuestAgentResult<ExecStatus>> GetStatusAsync(ExecHandle handle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts <paramref name="request"/> and polls until it exits. With a <see cref="ExecRequest.Timeout"/>
    /// the guest enforces the limit and the result has <see cref="ExecStatus.TimedOut"/>; if the
    /// program still runs well after the limit (guest without <c>timeout</c>), it is terminated and a
    /// <see cref="GuestAgentErrorKind.Timeout"/> error is returned.
    /// </summary>
    Task<GuestAgentResult<ExecStatus>> RunAsync(ExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks a started program to end (SIGTERM on Linux, Stop-Process on Windows).</summary>
    Task<GuestAgentResult<bool>> TerminateAsync(ExecHandle handle, CancellationToken cancellationToken = default);

    /// <summary>Sets every running process named <paramref name="app"/> to <paramref name="nice"/> (Windows: its priority class).</summary>
    Task<GuestAgentResult<ReprioritiseResult>> ReprioritiseAsync(string app, int nice, CancellationToken cancellationToken = default);

    /// <summary><c>guest-get-users</c>: the users logged in to the guest (read from utmp on Linux).</summary>
    Task<GuestAgentResult<IReadOnlyList<GuestUser>>> GetUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The running processes of <paramref name="apps"/> (bare names match the process name, absolute
    /// paths the executable), through one bounded helper command (<see cref="ProcessListing"/>);
    /// Linux guests only (others: <see cref="GuestAgentErrorKind.UnsupportedGuest"/>).
    /// </summary>
    Task<GuestAgentResult<GuestProcessList>> ListProcessesAsync(IReadOnlyList<string> apps, CancellationToken cancellationToken = default);

    /// <summary>
    /// One poll of the system-call observer's session <paramref name="session"/>: starts strace on the
    /// untraced processes of <paramref name="apps"/> for <paramref name="calls"/> and returns what the
    /// tracers logged since the last poll (<see cref="SyscallTracing"/>); Linux guests with strace only.
    /// </summary>
    Task<GuestAgentResult<SyscallTrace>> TraceSyscallsAsync(string session, IReadOnlyList<string> apps, IReadOnlyList<string> calls, TimeSpan watchdogPeriod, CancellationToken cancellationToken = default);

    /// <summary>Stops every tracer the system-call observer started in the guest and removes its files.</summary>
    Task<GuestAgentResult<bool>> StopSyscallTracingAsync(CancellationToken cancellationToken = default);
}
