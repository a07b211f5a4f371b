using System.Xml.Linq;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NwFilterCompilerTests
{
    [Fact]
    public void Compile_EveryRuleKind_KeepsOrderDirectionsAndAddressesAndEndsWithDefault()
    {
        var filter = XElement.Parse(NwFilterCompiler.Compile(PolicySamples.VmiId, PolicySamples.Everything));
        var rules = filter.Elements("rule").ToList();

        Assert.Equal($"vmigrains-{PolicySamples.Token}", filter.Attribute("name")!.Value);
        Assert.Equal("root", filter.Attribute("chain")!.Value);
        var ssh = rules[0].Elements().Single();
        Assert.Equal(("accept", "in", "tcp"), (rules[0].Attribute("action")!.Value, rules[0].Attribute("direction")!.Value, ssh.Name.LocalName));
        Assert.Equal(("10.0.0.0", "8", "22"), (ssh.Attribute("srcipaddr")!.Value, ssh.Attribute("srcipmask")!.Value, ssh.Attribute("dstportstart")!.Value));
        var dns = rules.Single(r => r.Elements().Single().Attribute("comment")!.Value == "rule 3").Elements().Single();
        Assert.Equal(("udp", "192.0.2.53", "32"), (dns.Name.LocalName, dns.Attribute("dstipaddr")!.Value, dns.Attribute("dstipmask")!.Value));
        Assert.DoesNotContain(rules, r => r.Elements().Single().Attribute("comment")!.Value == "rule 8");
        Assert.Equal(["all", "all-ipv6"], rules.TakeLast(2).Select(r => r.Elements().Single().Name.LocalName));
        Assert.All(rules.TakeLast(2), r => Assert.Equal(("drop", "1000"), (r.Attribute("action")!.Value, r.Attribute("priority")!.Value)));
        Assert.Equal(rules.Select(r => int.Parse(r.Attribute("priority")!.Value, System.Globalization.CultureInfo.InvariantCulture)).Order(), rules.Select(r => int.Parse(r.Attribute("priority")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Compile_DefaultAllow_EndsWithAccept()
    {
        var filter = XElement.Parse(NwFilterCompiler.Compile("vm1", NetworkPolicy.AllowAll));

        Assert.All(filter.Elements("rule"), r => Assert.Equal("accept", r.Attribute("action")!.Value));
    }
}
