using System.Globalization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// The nft match expression of one <see cref="NetworkRule"/>, without the app part. The rule's
/// CIDR names the remote side: the source of ingress traffic (<c>saddr</c>), the destination of
/// egress traffic (<c>daddr</c>). Ports are always the destination port of the connection's first
/// packet (<c>dport</c>): the VMI's service port for ingress, the remote service port for egress.
/// </summary>
public static class NftMatch
{
    /// <summary>The match text (may be empty: matches everything); throws when the rule is invalid.</summary>
    public static string Build(NetworkRule rule, string path)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        var cidr = rule.Cidr is null ? null : Cidr.Parse(rule.Cidr, $"{path}.cidr");
        if (cidr is not null)
        {
            var side = rule.Direction == TrafficDirection.Ingress ? "saddr" : "daddr";
            parts.Add($"{(cidr.IsV6 ? "ip6" : "ip")} {side} {cidr}");
        }

        if (rule.Ports is not null && rule.Protocol is not (NetworkProtocol.Tcp or NetworkProtocol.Udp))
        {
            throw new NetworkConfigurationException(new ValidationError($"{path}.ports", "ports need protocol tcp or udp",
                $"{rule.Ports} with {rule.Protocol.ToString().ToLowerInvariant()}", "remove ports, or set protocol to tcp or udp"));
        }

        switch (rule.Protocol)
        {
            case NetworkProtocol.Tcp or NetworkProtocol.Udp:
                var l4 = rule.Protocol == NetworkProtocol.Tcp ? "tcp" : "udp";
                parts.Add(rule.Ports is null ? $"meta l4proto {l4}" : $"{l4} dport {Ports(rule.Ports, $"{path}.ports")}");
                break;
            case NetworkProtocol.Icmp:
                parts.Add(cidr is null ? "meta l4proto { icmp, ipv6-icmp }" : cidr.IsV6 ? "meta l4proto ipv6-icmp" : "meta l4proto icmp");
                break;
            default:
                break;
        }

        return string.Join(' ', parts);
    }

    /// <summary>Throws one <see cref="NetworkConfigurationException"/> carrying the errors of every invalid rule.</summary>
    public static void ThrowIfInvalid(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<ValidationError>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            try
            {
                Build(policy.Rules[i], $"$.network_policy.rules[{i}]");
            }
            catch (NetworkConfigurationException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new NetworkConfigurationException(errors);
        }
    }

    /// <summary>The verdict: allow is <paramref name="allowVerdict"/>; reject sends a TCP reset for TCP, ICMP port-unreachable otherwise.</summary>
    public static string Verdict(NetworkRule rule, string allowVerdict)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Action switch
        {
            RuleAction.Allow => allowVerdict,
            RuleAction.Deny => "drop",
            _ => rule.Protocol == NetworkProtocol.Tcp ? "reject with tcp reset" : "reject with icmpx type port-unreachable",
        };
    }

    private static string Ports(PortRange ports, string path)
    {
        if (ports.From is < 1 or > 65535 || ports.To is < 1 or > 65535 || ports.From > ports.To)
        {
            throw new NetworkConfigurationException(new ValidationError(path, "not a port range within 1-65535", ports.ToString(),
                "use a port such as 443 or a range such as 1000-2000 with from <= to"));
        }

        return ports.From == ports.To
            ? ports.From.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{ports.From}-{ports.To}");
    }
}
