namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// One firewall rule. <see cref="Ports"/> is <c>null</c> for any port (and always for icmp/any);
/// <see cref="Cidr"/> is <c>null</c> for any address. <see cref="App"/> restricts the rule to one
/// application's traffic, which can only be enforced inside the guest.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.NetworkRule")]
public sealed record NetworkRule(
    [property: Id(0)] TrafficDirection Direction,
    [property: Id(1)] NetworkProtocol Protocol,
    [property: Id(2)] PortRange? Ports,
    [property: Id(3)] string? Cidr,
    [property: Id(4)] RuleAction Action,
    [property: Id(5)] string? App);
