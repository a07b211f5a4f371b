using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>Network policy and shaping on the VMI's taps (from the domain XML), through the host's enforcer.</summary>
internal sealed partial class HypervisorGrain : IHostNetworkGrain
{
    public async Task<string?> ApplyPolicyAsync(string vmiId, NetworkPolicy policy) => UsesNwFilter
        ? await SetNwFilterAsync(vmiId, policy)
        : await EnforceAsync(vmiId, taps => network.ApplyPolicyAsync(vmiId, taps, policy)) ?? await network.PolicyCaveatAsync(policy);

    public async Task<IReadOnlyList<NetworkRuleCounter>> GetNetworkCountersAsync(string vmiId) =>
        NotEnforcedHere(vmiId) is null && !UsesNwFilter ? await network.GetCountersAsync(vmiId) : [];

    public async Task<string?> RemoveAllAsync(string vmiId)
    {
        // Shaping first: it knows whether the guest has netem of ours to remove.
        var shaping = NotEnforcedHere(vmiId) is null ? await ClearShapingAsync(vmiId) : null;
        var problem = Join(shaping, await EnforceAsync(vmiId, taps => network.RemoveAllAsync(vmiId, taps)));
        return UsesNwFilter ? await SetNwFilterAsync(vmiId, null) ?? problem : problem;
    }

    private async Task<string?> EnforceAsync(string vmiId, Func<IReadOnlyList<string>, Task> action)
    {
        if (!_domains.TryGetValue(vmiId, out var domain))
        {
            return $"host {HostName} has no domain {vmiId}";
        }

        if (!hypervisors.IsLocal(HostName))
        {
            return $"validated only: host {HostName} is managed through libvirt from another machine; network policy and shaping need a silo on {HostName} itself";
        }

        IReadOnlyList<string> taps = [.. domain.Interfaces.Select(i => i.TargetDevice).OfType<string>()];
        try
        {
            await action(taps);
            return network is DisabledNetworkEnforcer
                ? $"validated only: network enforcement is off on host {HostName} (set VmiGrains:Network:Enabled=true on its silo)"
                : null;
        }
        catch (Exception ex) when (ex is NetworkEnforcementException or NetworkConfigurationException or TimeoutException)
        {
            LogNetworkFailed(HostName, domain.Name, ex.Message);
            return ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: network enforcement for {Domain} failed: {Error}")]
    private partial void LogNetworkFailed(string host, string domain, string error);
}
