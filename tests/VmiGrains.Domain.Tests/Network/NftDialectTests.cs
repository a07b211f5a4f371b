using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NftDialectTests
{
    private static readonly NetworkPolicy AllowAndReject = new(PolicyDefault.Deny,
    [
        new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8080, 8080), null, RuleAction.Allow, null),
        new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8081, 8081), null, RuleAction.Reject, null),
    ]);

    [Fact]
    public void Apply_BridgeWithoutConntrackOrReject_WritesTheBridgeTableStatelessAndDropsRejects()
    {
        var state = NftTableState.Empty with { Dialect = NftDialect.Bridge(conntrack: false, reject: false) };

        var script = NftScriptCompiler.Apply(PolicySamples.VmiId, ["vnet0"], AllowAndReject, state);

        var chain = $"vmi_{PolicySamples.Token}_in";
        Assert.StartsWith("add table bridge vmigrains\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("inet", script, StringComparison.Ordinal);
        Assert.DoesNotContain("ct state", script, StringComparison.Ordinal);
        Assert.Contains($"add rule bridge vmigrains {chain} tcp flags & (syn | ack) != syn counter return comment \"established\"\n", script, StringComparison.Ordinal);
        Assert.Contains($"add rule bridge vmigrains {chain} tcp dport 8081 counter drop comment \"rule 1\"\n", script, StringComparison.Ordinal);
        Assert.Contains($"add element bridge vmigrains to_vmi {{ \"vnet0\" : jump {chain} }}\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_BridgeWithConntrackAndReject_KeepsStateAndReject()
    {
        var state = NftTableState.Empty with { Dialect = NftDialect.Bridge(conntrack: true, reject: true) };

        var script = NftScriptCompiler.Apply(PolicySamples.VmiId, ["vnet0"], AllowAndReject, state);

        Assert.Contains("ct state established,related counter return", script, StringComparison.Ordinal);
        Assert.Contains("tcp dport 8081 counter reject with tcp reset", script, StringComparison.Ordinal);
    }

    [Fact]
    public void CaveatFor_BridgeWithoutConntrackOrReject_NamesBothGapsAndTheKernelModules()
    {
        var caveat = NftDialect.Bridge(conntrack: false, reject: false).CaveatFor(AllowAndReject);

        Assert.NotNull(caveat);
        Assert.Contains("stateless", caveat, StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_bridge", caveat, StringComparison.Ordinal);
        Assert.Contains("reject rules drop", caveat, StringComparison.Ordinal);
    }

    [Fact]
    public void CaveatFor_InetOrNoRejectRules_IsNullOrOnlyAboutState()
    {
        Assert.Null(NftDialect.Inet.CaveatFor(AllowAndReject));
        Assert.DoesNotContain("reject", NftDialect.Bridge(false, false).CaveatFor(NetworkPolicy.AllowAll)!, StringComparison.Ordinal);
        Assert.Null(NftDialect.Bridge(true, false).CaveatFor(NetworkPolicy.AllowAll));
    }

    [Fact]
    public void ParseTable_BridgeDialect_ReadsOnlyTheBridgeTable()
    {
        const string json = """
            {"nftables":[{"table":{"family":"inet","name":"vmigrains"}},{"chain":{"family":"inet","table":"vmigrains","name":"vmi_a_in"}},
            {"table":{"family":"bridge","name":"vmigrains"}},{"chain":{"family":"bridge","table":"vmigrains","name":"vmi_b_in"}}]}
            """;

        var state = NftJson.ParseTable(json, NftDialect.Bridge(false, false));

        Assert.Equal(["vmi_b_in"], state.Chains);
        Assert.Equal("bridge", state.Dialect.Family);
    }
}
