namespace VmiGrains.Silo.Clustering;

/// <summary>
/// What to write so that the membership table holds again what this silo last saw: the rows to add
/// (only fields absent now) and the new version, conditioned on the version found (null: missing).
/// </summary>
internal sealed record MembershipRepairPlan(MembershipRepairReason Reason, int? ExpectedVersion, int NewVersion, IReadOnlyDictionary<string, string> RowsToAdd);
