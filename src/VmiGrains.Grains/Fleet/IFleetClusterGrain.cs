using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// Reports hosts and VMIs send to the fleet view (implemented by <see cref="FleetGrain"/>). Not part of
/// the client surface: a client could otherwise invent hosts and VMIs; clients calling it through a
/// gateway are refused by the silo's incoming call filter.
/// </summary>
[Alias("VmiGrains.IFleetClusterGrain")]
public interface IFleetClusterGrain : IGrainWithStringKey
{
    /// <summary>A host reports itself (on activation and after each discovery).</summary>
    [Alias("ReportHost"), OneWay]
    Task ReportHostAsync(HostSummary host);

    /// <summary>A VMI reports its name, host and profile.</summary>
    [Alias("ReportVmi"), OneWay]
    Task ReportVmiAsync(VmiListItem vmi);
}
