namespace VmiGrains.Domain.Profiles;

/// <summary>
/// The order of a forced profile delete's detaches. Rule: VMIs are grouped by host, because a host
/// commits its VMIs' claim removals one after another (more than a few of one host at once only queue
/// there); hosts go in parallel. Hosts and each host's VMIs are ordered by id, so runs are repeatable.
/// The caller bounds both: how many hosts at once, and how many VMIs of one host at once.
/// </summary>
public static class DetachPlan
{
    /// <summary>VMIs grouped by host, hosts ordered by name, each host's VMIs ordered by id; duplicates dropped.</summary>
    public static List<List<string>> ByHost(IEnumerable<(string VmiId, string Host)> vmis)
    {
        ArgumentNullException.ThrowIfNull(vmis);
        return [.. vmis
            .DistinctBy(v => v.VmiId, StringComparer.Ordinal)
            .GroupBy(v => v.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(v => v.VmiId).Order(StringComparer.Ordinal).ToList())];
    }
}
