namespace VmiGrains.Silo.Clustering;

/// <summary>Why a membership table is repaired from a silo's last copy.</summary>
internal enum MembershipRepairReason
{
    /// <summary>The version row is gone: Redis lost its data (restart without persistence, flush, failover to an empty replica).</summary>
    TableMissing,

    /// <summary>Rows of silos that were alive are gone: the table was re-created empty by a silo that started meanwhile.</summary>
    RowsLost,

    /// <summary>The version is lower than one already seen: silos would ignore every view of this table as stale.</summary>
    VersionWentBack,
}
