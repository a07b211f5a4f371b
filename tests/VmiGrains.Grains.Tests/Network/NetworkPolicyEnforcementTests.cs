using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Policies enforced by nft in a namespace, proven with real TCP connections.</summary>
public sealed class NetworkPolicyEnforcementTests
{
    private const string Vmi = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Fact]
    public async Task ApplyPolicyAsync_IngressRules_AllowedConnectsRejectedRefusedOthersDroppedAndCountersMove()
    {
        await using var lab = await NetnsLab.CreateAsync();
        foreach (var port in new[] { 8080, 8081, 8082 })
        {
            await lab.ListenAsync(lab.VmiNs, port);
        }

        var policy = new NetworkPolicy(PolicyDefault.Deny,
        [
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8080, 8080), "10.250.2.0/24", RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8081, 8081), null, RuleAction.Reject, null),
        ]);

        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], policy);

        Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));
        Assert.Equal(ConnectOutcome.Refused, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8081));
        Assert.Equal(ConnectOutcome.TimedOut, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8082));
        var counters = (await lab.Enforcer.GetCountersAsync(Vmi)).Where(c => c.Chain == NftNames.IngressChain(Vmi)).ToDictionary(c => c.Rule);
        Assert.True(counters["rule 0"].Packets >= 1);
        Assert.True(counters["rule 1"].Packets >= 1);
        Assert.True(counters["default"].Packets >= 1);
        Assert.True(counters["established"].Packets >= 1);
    }

    [Fact]
    public async Task ApplyPolicyAsync_EgressRules_CidrAndPortDecideWhatTheVmiReaches()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.ListenAsync(lab.PeerNs, 9090);
        await lab.ListenAsync(lab.PeerNs, 9091);
        var policy = new NetworkPolicy(PolicyDefault.Allow,
        [
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(9090, 9090), "10.250.2.0/24", RuleAction.Deny, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Icmp, null, NetnsLab.PeerIp, RuleAction.Reject, null),
        ]);

        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], policy);

        Assert.Equal(ConnectOutcome.TimedOut, await NetnsLab.ConnectAsync(lab.VmiNs, NetnsLab.PeerIp, 9090));
        Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.VmiNs, NetnsLab.PeerIp, 9091));
        Assert.Equal(0, (await NetnsLab.PingAsync(lab.VmiNs, NetnsLab.PeerIp, 3)).Received);
        Assert.Equal(3, (await NetnsLab.PingAsync(lab.VmiNs, NetnsLab.HostIp, 3)).Received);
    }

    [Fact]
    public async Task ApplyPolicyAsync_ReplacedPolicy_NewRulesRuleAndNothingIsDuplicated()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.ListenAsync(lab.VmiNs, 8080);
        var deny = new NetworkPolicy(PolicyDefault.Allow, [new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8080, 8080), null, RuleAction.Reject, null)]);

        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], deny);
        Assert.Equal(ConnectOutcome.Refused, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));
        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], NetworkPolicy.AllowAll);
        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], NetworkPolicy.AllowAll);

        Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));
        var (ruleset, _) = await lab.HostStateAsync();
        Assert.Equal(1, Occurrences(ruleset, $"chain {NftNames.IngressChain(Vmi)} {{"));
        Assert.Equal(2, Occurrences(ruleset, "comment \"established\""));
        Assert.Equal(1, Occurrences(ruleset, "iifname vmap @from_vmi\n\t\toifname vmap @to_vmi"));
    }

    [Fact]
    public async Task RemoveAllAsync_AfterApply_LeavesNothingOfOursAndTrafficFlows()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.ListenAsync(lab.VmiNs, 8080);
        await lab.Enforcer.ApplyPolicyAsync(Vmi, [lab.Tap], new NetworkPolicy(PolicyDefault.Deny, []));
        Assert.Equal(ConnectOutcome.TimedOut, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));

        await lab.Enforcer.RemoveAllAsync(Vmi, [lab.Tap]);
        await lab.Enforcer.RemoveAllAsync(Vmi, [lab.Tap]);

        var (ruleset, _) = await lab.HostStateAsync();
        Assert.DoesNotContain("vmigrains", ruleset, StringComparison.Ordinal);
        Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
