using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>
/// The enforcer when <see cref="NetworkOptions.Enabled"/> is false (dev machines, the libvirt test
/// driver): inputs are still compiled, so invalid policies fail the same way, but nothing is run.
/// </summary>
internal sealed partial class DisabledNetworkEnforcer(ILogger<DisabledNetworkEnforcer> logger) : INetworkEnforcer
{
    public Task ApplyPolicyAsync(string vmiId, IReadOnlyList<string> taps, NetworkPolicy policy, CancellationToken cancellationToken = default)
    {
        _ = NftScriptCompiler.Apply(vmiId, taps, policy, NftTableState.Empty);
        LogSkipped("apply policy", vmiId);
        return Task.CompletedTask;
    }

    public Task ShapeAsync(string vmiId, IReadOnlyList<string> taps, ShapingSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        spec.ThrowIfInvalid();
        return Skip("shape", vmiId);
    }

    public Task ClearShapingAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default) => Skip("clear shaping", vmiId);

    public Task RemoveAllAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default) => Skip("remove all", vmiId);

    public Task<NetworkReconcileReport> ReconcileAsync(IReadOnlyCollection<VmiInterfaces> live, CancellationToken cancellationToken = default) =>
        Task.FromResult(new NetworkReconcileReport([], [], []));

    public Task<string?> PolicyCaveatAsync(NetworkPolicy policy, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task LimitOutboundAsync(string vmiId, IReadOnlyList<string> taps, long? rateKbit, CancellationToken cancellationToken = default) =>
        Skip("limit outbound", vmiId);

    public Task<IReadOnlySet<string>> GetShapedDevicesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public Task<IReadOnlyList<NetworkRuleCounter>> GetCountersAsync(string vmiId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NetworkRuleCounter>>([]);

    private Task Skip(string operation, string vmiId)
    {
        LogSkipped(operation, vmiId);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Debug, "Network enforcement disabled: {Operation} for VMI {VmiId} not run (set VmiGrains:Network:Enabled=true on hypervisor hosts)")]
    private partial void LogSkipped(string operation, string vmiId);
}
