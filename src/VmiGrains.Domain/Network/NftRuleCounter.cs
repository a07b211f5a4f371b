namespace VmiGrains.Domain.Network;

/// <summary>The counter of one rule: its chain, its comment (e.g. <c>rule 2</c>, <c>default</c>), packets and bytes.</summary>
public sealed record NftRuleCounter(string Chain, string Comment, long Packets, long Bytes);
