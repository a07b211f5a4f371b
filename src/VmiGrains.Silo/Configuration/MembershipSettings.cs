namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Failure detection (section <c>VmiGrains:Cluster:Membership</c>), applied to Orleans'
/// <c>ClusterMembershipOptions</c>. The defaults declare a killed silo dead in a few seconds
/// (measured in docs/operations.md, "Failover") instead of Orleans' ~15 s: a hypervisor host whose
/// silo is gone should show as down quickly, and its VMIs' grains should move soon. They do not go
/// lower on purpose: a silo on a hypervisor host whose CPU is saturated (by its guests, or CI's load
/// average of 20–40 on 2 cores) can leave probes unanswered for a second or two, and with 1 s probes,
/// 2 misses and one vote such a silo was declared dead and shut itself down (issue 19). Now it must miss
/// three 2 s probes and, in a cluster of three or more, be suspected by two silos (Orleans asks
/// min(votes, (active silos + 1) / 2)). On a slow or lossy network raise <see cref="ProbeTimeout"/> and
/// <see cref="NumMissedProbesLimit"/> further.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>How long a probe may go unanswered before it counts as missed (Orleans default 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo suspects its peer (Orleans default 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (Orleans default 2; a cluster of two silos needs one).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often each silo re-reads the membership table (Orleans default 60 s).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each silo writes its I-am-alive time to the table (Orleans default 30 s).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
