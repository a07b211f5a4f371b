using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>Persisted fleet view: the hosts and VMIs reported so far.</summary>
[GenerateSerializer, Alias("VmiGrains.FleetState")]
public sealed class FleetState
{
    /// <summary>Host name → last summary.</summary>
    [Id(0)] public Dictionary<string, HostSummary> Hosts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMI id → last report, as stored before the <see cref="VmiIndex"/>; moved there on activation, then empty.</summary>
    [Id(1)] public Dictionary<string, VmiListItem> Vmis { get; set; } = new(StringComparer.Ordinal);
}
