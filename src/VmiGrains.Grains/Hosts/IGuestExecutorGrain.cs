using Orleans.Concurrency;
using VmiGrains.Domain.Guests;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// The guest-agent side of a host (implemented by the host's <see cref="HypervisorGrain"/>, so it runs
/// where the agent sockets and libvirt are). Calls interleave: agent latency never blocks rebalancing.
/// Results, not exceptions: an agent that is down is an expected outcome.
/// </summary>
[Alias("VmiGrains.IGuestExecutorGrain")]
public interface IGuestExecutorGrain : IGrainWithStringKey
{
    /// <summary>Starts a program in <paramref name="vmiId"/>'s guest.</summary>
    [Alias("Start"), AlwaysInterleave]
    Task<GuestAgentResult<ExecHandle>> StartAsync(string vmiId, ExecRequest request);

    /// <summary>The status of a started program.</summary>
    [Alias("Status"), AlwaysInterleave]
    Task<GuestAgentResult<ExecStatus>> StatusAsync(string vmiId, ExecHandle handle);

    /// <summary>Re-prioritises every running process of <paramref name="app"/>.</summary>
    [Alias("Reprioritise"), AlwaysInterleave]
    Task<GuestAgentResult<ReprioritiseResult>> ReprioritiseAsync(string vmiId, string app, int nice);

    /// <summary>The users logged in to <paramref name="vmiId"/>'s guest (the users observer).</summary>
    [Alias("GetUsers"), AlwaysInterleave]
    Task<GuestAgentResult<IReadOnlyList<GuestUser>>> GetUsersAsync(string vmiId);

    /// <summary>The running processes of <paramref name="apps"/> in <paramref name="vmiId"/>'s guest (the applications observer).</summary>
    [Alias("ListProcesses"), AlwaysInterleave]
    Task<GuestAgentResult<GuestProcessList>> ListProcessesAsync(string vmiId, IReadOnlyList<string> apps);

    /// <summary>One poll of the syscalls observer in <paramref name="vmiId"/>'s guest (see <see cref="SyscallTracing"/>).</summary>
    [Alias("TraceSyscalls"), AlwaysInterleave]
    Task<GuestAgentResult<SyscallTrace>> TraceSyscallsAsync(string vmiId, string session, IReadOnlyList<string> apps, IReadOnlyList<string> calls, TimeSpan watchdogPeriod);

    /// <summary>Stops the syscalls observer's tracers in <paramref name="vmiId"/>'s guest and removes their files.</summary>
    [Alias("StopSyscallTracing"), AlwaysInterleave]
    Task<GuestAgentResult<bool>> StopSyscallTracingAsync(string vmiId);
}
