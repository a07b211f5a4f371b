using Orleans.Concurrency;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// Per-application network rules enforced inside the guest (nft table <c>inet vmigrains_app</c>, run
/// through the guest agent; implemented by the host's <see cref="HypervisorGrain"/>, where the agents
/// are). Each call returns null when done, or what went wrong (recorded by the VMI, never thrown).
/// </summary>
[Alias("VmiGrains.IGuestAppFirewallGrain")]
public interface IGuestAppFirewallGrain : IGrainWithStringKey
{
    /// <summary>Creates the apps' cgroups and replaces the guest's app table with the policy's app rules.</summary>
    [Alias("ApplyAppRules"), AlwaysInterleave]
    Task<string?> ApplyAppRulesAsync(string vmiId, NetworkPolicy policy);

    /// <summary>Removes the guest's app table (no-op when absent).</summary>
    [Alias("RemoveAppRules"), AlwaysInterleave]
    Task<string?> RemoveAppRulesAsync(string vmiId);
}
