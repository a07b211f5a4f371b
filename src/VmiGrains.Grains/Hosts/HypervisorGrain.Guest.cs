using VmiGrains.Domain.Guests;

namespace VmiGrains.Grains.Hosts;

/// <summary>Guest-agent calls, made on the host's silo where the agents are reachable.</summary>
internal sealed partial class HypervisorGrain : IGuestExecutorGrain
{
    public Task<GuestAgentResult<ExecHandle>> StartAsync(string vmiId, ExecRequest request) =>
        agents.GetAgent(vmiId).StartAsync(request);

    public Task<GuestAgentResult<ExecStatus>> StatusAsync(string vmiId, ExecHandle handle) =>
        agents.GetAgent(vmiId).GetStatusAsync(handle);

    public Task<GuestAgentResult<ReprioritiseResult>> ReprioritiseAsync(string vmiId, string app, int nice) =>
        agents.GetAgent(vmiId).ReprioritiseAsync(app, nice);

    public Task<GuestAgentResult<IReadOnlyList<GuestUser>>> GetUsersAsync(string vmiId) =>
        agents.GetAgent(vmiId).GetUsersAsync();

    public Task<GuestAgentResult<GuestProcessList>> ListProcessesAsync(string vmiId, IReadOnlyList<string> apps) =>
        agents.GetAgent(vmiId).ListProcessesAsync(apps);

    public Task<GuestAgentResult<SyscallTrace>> TraceSyscallsAsync(string vmiId, string session, IReadOnlyList<string> apps, IReadOnlyList<string> calls, TimeSpan watchdogPeriod) =>
        agents.GetAgent(vmiId).TraceSyscallsAsync(session, apps, calls, watchdogPeriod);

    public Task<GuestAgentResult<bool>> StopSyscallTracingAsync(string vmiId) =>
        agents.GetAgent(vmiId).StopSyscallTracingAsync();
}
