using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Abstractions.Grains;

/// <summary>Cluster-wide views (key <c>"default"</c>): hosts, VMIs and their profiles.</summary>
[Alias("VmiGrains.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>A host reports itself (on activation and after each discovery).</summary>
    [Alias("ReportHost")]
    Task ReportHostAsync(HostSummary host);

    /// <summary>A VMI reports its name, host and profile.</summary>
    [Alias("ReportVmi"), OneWay]
    Task ReportVmiAsync(VmiListItem vmi);

    /// <summary>Every known host; <see cref="HostSummary.Available"/> says whether its silo answers.</summary>
    [Alias("Hosts")]
    Task<IReadOnlyList<HostSummary>> ListHostsAsync();

    /// <summary>VMIs, optionally only those on <paramref name="host"/> or using <paramref name="profileId"/>.</summary>
    [Alias("Vmis")]
    Task<IReadOnlyList<VmiListItem>> ListVmisAsync(string? host = null, string? profileId = null);

    /// <summary>The UUID of a VMI given its UUID or its name; null when unknown (or ambiguous names).</summary>
    [Alias("Resolve")]
    Task<string?> ResolveAsync(string nameOrId);
}
