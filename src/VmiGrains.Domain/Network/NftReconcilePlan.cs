namespace VmiGrains.Domain.Network;

/// <summary>What reconciliation will remove from the table: a script (null when nothing) and the names involved.</summary>
/// <param name="Script">The nft script, or null.</param>
/// <param name="RemovedChains">VMI chains of VMIs that no longer exist.</param>
/// <param name="RemovedElements">Dispatch entries <c>map:tap</c> that pointed at a live VMI from a tap it no longer has.</param>
public sealed record NftReconcilePlan(string? Script, IReadOnlyList<string> RemovedChains, IReadOnlyList<string> RemovedElements);
