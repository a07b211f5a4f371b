using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Abstractions.Model;

/// <summary>Everything <c>vmi vm show</c> prints about one VMI.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiView")]
public sealed record VmiView
{
    /// <summary>libvirt domain UUID.</summary>
    [Id(0)] public required string VmiId { get; init; }

    /// <summary>Domain name.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>Host the VMI runs on.</summary>
    [Id(2)] public required string Host { get; init; }

    /// <summary>Attached profile, or null.</summary>
    [Id(3)] public string? ProfileId { get; init; }

    /// <summary>Attached profile version.</summary>
    [Id(4)] public int? ProfileVersion { get; init; }

    /// <summary>Profile weights with active overrides.</summary>
    [Id(5)] public ResourceVector? EffectiveWeights { get; init; }

    /// <summary>Last applied allocation.</summary>
    [Id(6)] public Allocation? Allocation { get; init; }

    /// <summary>Telemetry windows.</summary>
    [Id(7)] public IReadOnlyList<MetricSummary> Metrics { get; init; } = [];

    /// <summary>Active temporary changes.</summary>
    [Id(8)] public IReadOnlyList<UndoRecordView> UndoRecords { get; init; } = [];

    /// <summary>Rules disabled after repeated failures, with the last error.</summary>
    [Id(9)] public IReadOnlyList<string> DisabledRules { get; init; } = [];

    /// <summary>Whether the host's silo answered the last time it was asked.</summary>
    [Id(10)] public bool HostAvailable { get; init; } = true;

    /// <summary>When not null, this VMI's rules are not evaluated: the operator switch that paused them (e.g. <c>VmiGrains:Rules:Enabled=false</c>).</summary>
    [Id(11)] public string? RulesPausedBy { get; init; }

    /// <summary>Set when the VMI's domain was undefined from its host (e.g. <c>undefined from host h1 at …</c>): it left the fleet, its profile is kept for when it returns.</summary>
    [Id(12)] public string? Gone { get; init; }

    /// <summary>Set when another host also has a domain with this UUID (e.g. <c>UUID also defined on host h2 as 'web-01-clone'</c>); the VMI stays with <see cref="Host"/>.</summary>
    [Id(13)] public string? IdentityConflict { get; init; }

    /// <summary>The VMI's labels, from its domain's metadata (docs/operations.md, "VMI labels"); null when it has none.</summary>
    [Id(14)] public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
