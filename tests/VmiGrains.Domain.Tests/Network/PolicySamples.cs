using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Tests.Network;

/// <summary>Policies covering every rule kind, shared by the compiler tests.</summary>
internal static class PolicySamples
{
    public const string VmiId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public const string Token = "0f8fad5bd9cb469fa16570867728950e";

    /// <summary>Every direction, protocol, port form, CIDR family, action and an app rule.</summary>
    public static NetworkPolicy Everything { get; } = new(PolicyDefault.Deny,
    [
        new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(22, 22), "10.0.0.0/8", RuleAction.Allow, null),
        new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(1000, 2000), "fd00::/8", RuleAction.Reject, null),
        new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Icmp, null, null, RuleAction.Allow, null),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Udp, new PortRange(53, 53), "192.0.2.53", RuleAction.Allow, null),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Udp, null, null, RuleAction.Reject, null),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Any, null, "198.51.100.0/24", RuleAction.Deny, null),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Icmp, null, "2001:db8::/32", RuleAction.Allow, null),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(443, 443), null, RuleAction.Allow, "firefox"),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(25, 25), null, RuleAction.Deny, "mailer"),
        new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, null, null, RuleAction.Allow, null),
    ]);
}
