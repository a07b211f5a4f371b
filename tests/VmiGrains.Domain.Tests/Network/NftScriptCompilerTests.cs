using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NftScriptCompilerTests
{
    private const string Skeleton = """
        add table inet vmigrains
        add map inet vmigrains to_vmi { type ifname : verdict; }
        add map inet vmigrains from_vmi { type ifname : verdict; }
        add map inet vmigrains shape_to_vmi { type ifname : verdict; }
        add chain inet vmigrains forward { type filter hook forward priority filter; policy accept; }
        add rule inet vmigrains forward iifname vmap @from_vmi
        add rule inet vmigrains forward oifname vmap @to_vmi
        add rule inet vmigrains forward oifname vmap @shape_to_vmi
        add chain inet vmigrains input { type filter hook input priority filter; policy accept; }
        add rule inet vmigrains input iifname vmap @from_vmi
        add chain inet vmigrains output { type filter hook output priority filter; policy accept; }
        add rule inet vmigrains output oifname vmap @to_vmi
        add rule inet vmigrains output oifname vmap @shape_to_vmi
        """;

    private static readonly string[] Taps = ["vnet0", "vnet1"];

    [Fact]
    public void Apply_EveryRuleKindOnEmptyTable_EmitsSkeletonChainsRulesAndDispatch()
    {
        var script = NftScriptCompiler.Apply(PolicySamples.VmiId, Taps, PolicySamples.Everything, NftTableState.Empty);

        Assert.Equal(Skeleton + "\n" + """
        add chain inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in
        flush chain inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in
        add chain inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out
        flush chain inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in ct state established,related counter return comment "established"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in ip saddr 10.0.0.0/8 tcp dport 22 counter return comment "rule 0"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in ip6 saddr fd00::/8 tcp dport 1000-2000 counter reject with tcp reset comment "rule 1"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in meta l4proto { icmp, ipv6-icmp } counter return comment "rule 2"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_in counter drop comment "default"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out ct state established,related counter return comment "established"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out ip daddr 192.0.2.53/32 udp dport 53 counter return comment "rule 3"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out meta l4proto udp counter reject with icmpx type port-unreachable comment "rule 4"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out ip daddr 198.51.100.0/24 counter drop comment "rule 5"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out ip6 daddr 2001:db8::/32 meta l4proto ipv6-icmp counter return comment "rule 6"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out tcp dport 443 counter return comment "rule 7 app"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out meta l4proto tcp counter return comment "rule 9"
        add rule inet vmigrains vmi_0f8fad5bd9cb469fa16570867728950e_out counter drop comment "default"
        add element inet vmigrains to_vmi { "vnet0" : jump vmi_0f8fad5bd9cb469fa16570867728950e_in }
        add element inet vmigrains to_vmi { "vnet1" : jump vmi_0f8fad5bd9cb469fa16570867728950e_in }
        add element inet vmigrains from_vmi { "vnet0" : jump vmi_0f8fad5bd9cb469fa16570867728950e_out }
        add element inet vmigrains from_vmi { "vnet1" : jump vmi_0f8fad5bd9cb469fa16570867728950e_out }
        """ + "\n", script);
    }

    [Fact]
    public void Apply_TableAlreadyHasSkeleton_OnlyFlushesAndRefillsTheVmiChainsAtomically()
    {
        var state = StateWith(new() { ["vnet0"] = NftNames.IngressChain(PolicySamples.VmiId) }, new() { ["vnet0"] = NftNames.EgressChain(PolicySamples.VmiId) });

        var script = NftScriptCompiler.Apply(PolicySamples.VmiId, ["vnet0"], NetworkPolicy.AllowAll, state);

        Assert.Equal($$"""
            add chain inet vmigrains vmi_{{PolicySamples.Token}}_in
            flush chain inet vmigrains vmi_{{PolicySamples.Token}}_in
            add chain inet vmigrains vmi_{{PolicySamples.Token}}_out
            flush chain inet vmigrains vmi_{{PolicySamples.Token}}_out
            add rule inet vmigrains vmi_{{PolicySamples.Token}}_in ct state established,related counter return comment "established"
            add rule inet vmigrains vmi_{{PolicySamples.Token}}_in counter return comment "default"
            add rule inet vmigrains vmi_{{PolicySamples.Token}}_out ct state established,related counter return comment "established"
            add rule inet vmigrains vmi_{{PolicySamples.Token}}_out counter return comment "default"

            """, script);
    }

    [Fact]
    public void Apply_TapMovedAndTapReused_DeletesStaleElementsAndRepointsReusedTap()
    {
        var ours = NftNames.IngressChain(PolicySamples.VmiId);
        var state = StateWith(new() { ["vnet0"] = ours, ["vnet7"] = "vmi_other_in" }, []);

        var script = NftScriptCompiler.Apply(PolicySamples.VmiId, ["vnet7"], NetworkPolicy.AllowAll, state);

        Assert.Contains("delete element inet vmigrains to_vmi { \"vnet0\" }\n", script, StringComparison.Ordinal);
        Assert.Contains("delete element inet vmigrains to_vmi { \"vnet7\" }\n", script, StringComparison.Ordinal);
        Assert.Contains($"add element inet vmigrains to_vmi {{ \"vnet7\" : jump {ours} }}\n", script, StringComparison.Ordinal);
        Assert.Contains($"add element inet vmigrains from_vmi {{ \"vnet7\" : jump {NftNames.EgressChain(PolicySamples.VmiId)} }}\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_InvalidRules_ReportsEveryErrorWithPathValueAndFix()
    {
        var policy = new NetworkPolicy(PolicyDefault.Deny,
        [
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Icmp, new PortRange(1, 2), null, RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(90, 80), null, RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Any, null, "10.0.0.1/8", RuleAction.Deny, null),
        ]);

        var error = Assert.Throws<NetworkConfigurationException>(() => NftScriptCompiler.Apply("vm1", ["vnet0"], policy, NftTableState.Empty));

        Assert.Equal(["$.network_policy.rules[0].ports", "$.network_policy.rules[1].ports", "$.network_policy.rules[2].cidr"], error.Errors.Select(e => e.Path));
        Assert.All(error.Errors, e => Assert.False(string.IsNullOrEmpty(e.Fix)));
        Assert.Equal("10.0.0.1/8", error.Errors[2].Value);
    }

    [Theory]
    [InlineData("vnet0;drop")]
    [InlineData("-evil")]
    [InlineData("a-name-that-is-too-long")]
    [InlineData("")]
    public void Apply_UnsafeTapName_IsRefusedBeforeAnyScriptExists(string tap)
    {
        var error = Assert.Throws<NetworkConfigurationException>(() => NftScriptCompiler.Apply("vm1", [tap], NetworkPolicy.AllowAll, NftTableState.Empty));

        Assert.Equal("taps[0]", error.Errors[0].Path);
    }

    [Fact]
    public void ApplyLoss_TwelveAndAHalfPercent_DropsByRandomNumberInTheShapeChain()
    {
        var state = StateWith([], []);

        var script = NftScriptCompiler.ApplyLoss(PolicySamples.VmiId, ["vnet0"], 12.5, state);

        Assert.Equal($$"""
            add chain inet vmigrains vmi_{{PolicySamples.Token}}_shape
            flush chain inet vmigrains vmi_{{PolicySamples.Token}}_shape
            add rule inet vmigrains vmi_{{PolicySamples.Token}}_shape numgen random mod 10000 < 1250 counter drop comment "loss"
            add element inet vmigrains shape_to_vmi { "vnet0" : jump vmi_{{PolicySamples.Token}}_shape }

            """, script);
    }

    [Fact]
    public void Remove_LastVmiInTable_DeletesTheWholeTable()
    {
        var state = StateWith(new() { ["vnet0"] = NftNames.IngressChain(PolicySamples.VmiId) }, []);

        Assert.Equal("delete table inet vmigrains\n", NftScriptCompiler.Remove(PolicySamples.VmiId, state));
    }

    [Fact]
    public void Remove_OtherVmiRemains_DeletesOnlyThisVmisElementsAndChains()
    {
        var state = StateWith(new() { ["vnet0"] = NftNames.IngressChain(PolicySamples.VmiId), ["vnet5"] = NftNames.IngressChain("vm2") }, []);

        var script = NftScriptCompiler.Remove(PolicySamples.VmiId, state);

        Assert.Equal($$"""
            delete element inet vmigrains to_vmi { "vnet0" }
            delete chain inet vmigrains vmi_{{PolicySamples.Token}}_in
            delete chain inet vmigrains vmi_{{PolicySamples.Token}}_out

            """, script);
    }

    [Fact]
    public void Remove_NothingInstalled_ReturnsNull()
    {
        Assert.Null(NftScriptCompiler.Remove(PolicySamples.VmiId, NftTableState.Empty));
    }

    /// <summary>A table with the skeleton, the given map elements, and every chain they name (plus vm2's chains when named).</summary>
    internal static NftTableState StateWith(Dictionary<string, string> toVmi, Dictionary<string, string> fromVmi)
    {
        var chains = new HashSet<string>(NftNames.BaseChains);
        chains.UnionWith(toVmi.Values);
        chains.UnionWith(fromVmi.Values);
        foreach (var chain in toVmi.Values.Concat(fromVmi.Values).ToList())
        {
            chains.Add(chain[..chain.LastIndexOf('_')] + "_in");
            chains.Add(chain[..chain.LastIndexOf('_')] + "_out");
        }

        var maps = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [NftNames.ToVmiMap] = toVmi,
            [NftNames.FromVmiMap] = fromVmi,
            [NftNames.ShapeToVmiMap] = new Dictionary<string, string>(),
        };
        return new NftTableState(true, chains, maps);
    }
}
