namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Failure detection (section <c>VmiGrains:Cluster:Membership</c>), applied to Orleans'
/// <c>ClusterMembershipOptions</c>. The defaults declare a killed silo dead in about a second
/// (measured in docs/operations.md, "Failover") instead of Orleans' ~10 s: a hypervisor host whose
/// silo is gone should show as down quickly, and its VMIs' grains should move at once. On a slow or
/// lossy network raise <see cref="ProbeTimeout"/> and <see cref="NumMissedProbesLimit"/> first.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>How long a probe may go unanswered before it counts as missed (Orleans default 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects its peer (Orleans default 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicions needed to declare a silo dead (Orleans default 2); 1 suits clusters of a few silos.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often each silo re-reads the membership table (Orleans default 60 s).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each silo writes its I-am-alive time to the table (Orleans default 30 s).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
