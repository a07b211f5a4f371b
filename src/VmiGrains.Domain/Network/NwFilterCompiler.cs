using System.Globalization;
using System.Xml.Linq;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// The alternative backend for deployments that let libvirtd filter traffic: compiles a policy to
/// a libvirt <c>&lt;filter&gt;</c> document (schema <c>nwfilter.rng</c>) named
/// <see cref="FilterName"/>, referenced from the domain's interface with
/// <c>&lt;filterref filter='vmigrains-TOKEN'/&gt;</c>. libvirt's direction <c>in</c> is traffic to
/// the VMI and <c>out</c> traffic from it, as in our profiles. libvirt matches connection state
/// itself (<c>statematch</c> defaults to true), so replies of accepted connections pass without an
/// explicit established rule. Rules keep document order through priorities 1..998; the default is
/// priority 1000. A rule without CIDR becomes an IPv4 and an IPv6 rule.
/// </summary>
public static class NwFilterCompiler
{
    /// <summary>Most rules one filter can order (priorities 1..998 under the default's 1000).</summary>
    public const int MaxRules = 998;

    /// <summary>The filter name for a VMI: <c>vmigrains-TOKEN</c>.</summary>
    public static string FilterName(string vmiId) => $"vmigrains-{NftNames.Token(vmiId)}";

    /// <summary>The filter XML for <paramref name="vmiId"/>'s policy; throws with every invalid rule.</summary>
    public static string Compile(string vmiId, NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        NftMatch.ThrowIfInvalid(policy);
        if (policy.Rules.Count > MaxRules)
        {
            throw new NetworkConfigurationException(new ValidationError("$.network_policy.rules", $"an nwfilter orders at most {MaxRules} rules",
                policy.Rules.Count.ToString(CultureInfo.InvariantCulture), "merge rules (port ranges, wider CIDRs) or use the nftables backend"));
        }

        var filter = new XElement("filter", new XAttribute("name", FilterName(vmiId)), new XAttribute("chain", "root"));
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if (rule.App is not null && rule.Action != RuleAction.Allow)
            {
                continue;
            }

            foreach (var match in Matches(rule, i))
            {
                filter.Add(new XElement("rule",
                    new XAttribute("action", Action(rule.Action)),
                    new XAttribute("direction", rule.Direction == TrafficDirection.Ingress ? "in" : "out"),
                    new XAttribute("priority", (i + 1).ToString(CultureInfo.InvariantCulture)),
                    match));
            }
        }

        var fallback = policy.Default == PolicyDefault.Allow ? "accept" : "drop";
        foreach (var protocol in new[] { "all", "all-ipv6" })
        {
            filter.Add(new XElement("rule", new XAttribute("action", fallback), new XAttribute("direction", "inout"),
                new XAttribute("priority", "1000"), new XElement(protocol, new XAttribute("comment", "default"))));
        }

        return new XDocument(filter).ToString() + "\n";
    }

    private static IEnumerable<XElement> Matches(NetworkRule rule, int index)
    {
        var cidr = rule.Cidr is null ? null : Cidr.Parse(rule.Cidr, $"$.network_policy.rules[{index}].cidr");
        bool[] families = cidr is null ? [false, true] : [cidr.IsV6];
        foreach (var v6 in families)
        {
            var element = new XElement(Protocol(rule.Protocol, v6));
            if (cidr is not null)
            {
                var (address, mask) = rule.Direction == TrafficDirection.Ingress ? ("srcipaddr", "srcipmask") : ("dstipaddr", "dstipmask");
                element.Add(new XAttribute(address, cidr.Address.ToString()), new XAttribute(mask, cidr.PrefixLength.ToString(CultureInfo.InvariantCulture)));
            }

            if (rule.Ports is { } ports)
            {
                element.Add(new XAttribute("dstportstart", ports.From.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("dstportend", ports.To.ToString(CultureInfo.InvariantCulture)));
            }

            element.Add(new XAttribute("comment", rule.App is null ? $"rule {index}" : $"rule {index} app"));
            yield return element;
        }
    }

    private static string Protocol(NetworkProtocol protocol, bool v6) => protocol switch
    {
        NetworkProtocol.Tcp => v6 ? "tcp-ipv6" : "tcp",
        NetworkProtocol.Udp => v6 ? "udp-ipv6" : "udp",
        NetworkProtocol.Icmp => v6 ? "icmpv6" : "icmp",
        _ => v6 ? "all-ipv6" : "all",
    };

    private static string Action(RuleAction action) => action switch
    {
        RuleAction.Allow => "accept",
        RuleAction.Deny => "drop",
        _ => "reject",
    };
}
