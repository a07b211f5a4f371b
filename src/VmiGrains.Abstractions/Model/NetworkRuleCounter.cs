namespace VmiGrains.Abstractions.Model;

/// <summary>
/// What one of a VMI's nftables rules counted on its host: the chain (e.g. <c>vmi_&lt;uuid&gt;_in</c>), the rule's
/// comment (<c>rule 0</c> for the profile's first network rule, <c>default</c>, <c>loss</c> for shaping), packets and bytes
/// since the chain was (re)created. Read from <c>nft</c> on the host; nothing when network enforcement is off there.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.NetworkRuleCounter")]
public sealed record NetworkRuleCounter(
    [property: Id(0)] string Chain,
    [property: Id(1)] string Rule,
    [property: Id(2)] long Packets,
    [property: Id(3)] long Bytes);
