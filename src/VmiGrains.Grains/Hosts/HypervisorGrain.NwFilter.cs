using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Hosts;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// The <c>nwfilter</c> policy backend (<see cref="NetworkOptions.PolicyBackend"/>): libvirt filters the
/// VMI's traffic with a defined <c>&lt;filter&gt;</c> that its interfaces reference, instead of our nft table.
/// </summary>
internal sealed partial class HypervisorGrain
{
    private NetworkOptions NetworkSettings => ServiceProvider.GetRequiredService<IOptions<NetworkOptions>>().Value;

    private bool UsesNwFilter => NetworkSettings.PolicyBackend == PolicyBackends.NwFilter;

    /// <summary>Installs the policy's filter (or, with <paramref name="policy"/> null, removes it); null when done, else why not.</summary>
    private async Task<string?> SetNwFilterAsync(string vmiId, NetworkPolicy? policy)
    {
        if (!_domains.TryGetValue(vmiId, out var domain))
        {
            return $"host {HostName} has no domain {vmiId}";
        }

        var name = NwFilterCompiler.FilterName(vmiId);
        if (!NetworkSettings.Enabled)
        {
            if (policy is not null)
            {
                _ = NwFilterCompiler.Compile(vmiId, policy); // invalid policies fail the same way
            }

            return $"validated only: network enforcement is off on host {HostName} (set VmiGrains:Network:Enabled=true on its silo)";
        }

        try
        {
            var result = await _hypervisor.SetNetworkFilterAsync(domain.Uuid, name, policy is null ? null : NwFilterCompiler.Compile(vmiId, policy));
            return result.Outcome switch
            {
                KnobOutcome.Applied => null,
                KnobOutcome.Unsupported => $"not enforced: {result.Message}; this libvirt driver has no network filters (set VmiGrains:Network:PolicyBackend=nftables)",
                _ => result.Message,
            };
        }
        catch (Exception ex) when (ex is NetworkConfigurationException or HypervisorException)
        {
            LogNetworkFailed(HostName, domain.Name, ex.Message);
            return ex.Message;
        }
    }
}
