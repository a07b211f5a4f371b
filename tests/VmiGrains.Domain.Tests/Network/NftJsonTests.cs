using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NftJsonTests
{
    private const string Table = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
        {"table": {"family": "inet", "name": "vmigrains", "handle": 1}},
        {"map": {"family": "inet", "name": "to_vmi", "table": "vmigrains", "type": "ifname", "handle": 5, "map": "verdict", "elem": [["tap1", {"jump": {"target": "vmi_abc_in"}}]]}},
        {"map": {"family": "inet", "name": "from_vmi", "table": "vmigrains", "type": "ifname", "handle": 4, "map": "verdict"}},
        {"chain": {"family": "inet", "table": "vmigrains", "name": "forward", "handle": 1, "type": "filter", "hook": "forward", "prio": 0, "policy": "accept"}},
        {"chain": {"family": "inet", "table": "vmigrains", "name": "vmi_abc_in", "handle": 10}},
        {"rule": {"family": "inet", "table": "vmigrains", "chain": "vmi_abc_in", "handle": 12, "comment": "rule 0",
          "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 22}}, {"counter": {"packets": 7, "bytes": 420}}, {"return": null}]}}]}
        """;

    [Fact]
    public void ParseTable_ListOutput_ReadsChainsAndMapElements()
    {
        var state = NftJson.ParseTable(Table);

        Assert.True(state.TableExists);
        Assert.Contains("vmi_abc_in", state.Chains);
        Assert.Equal("vmi_abc_in", state.ElementsOf("to_vmi")["tap1"]);
        Assert.Empty(state.ElementsOf("from_vmi"));
        Assert.False(state.HasSkeleton);
    }

    [Fact]
    public void ParseCounters_RuleWithCounter_ReadsPacketsBytesAndComment()
    {
        var counter = Assert.Single(NftJson.ParseCounters(Table));

        Assert.Equal(new NetworkRuleCounter("vmi_abc_in", "rule 0", 7, 420), counter);
    }

    [Fact]
    public void ParseRoots_TcOutput_KeepsRootQdiscsAndRecognisesOurs()
    {
        var roots = TcQdisc.ParseRoots("""[{"kind":"netem","handle":"766d:","dev":"vnet0","root":true},{"kind":"ingress","handle":"ffff:","dev":"vnet0","parent":"ffff:fff1"}]""");

        var root = Assert.Single(roots);
        Assert.True(root.IsOurs);
        Assert.Equal("vnet0", root.Device);
    }
}
