using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Persisted state of a VMI: written on every profile change, undo record and decision. Every part is
/// bounded by bytes as well as count (<see cref="VmiStateBudget"/>): the whole stays under 2/3 of the
/// smallest entity a durable provider takes.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.VmiState")]
public sealed class VmiState
{
    /// <summary>What the host told us about the VMI; null until a host registered it.</summary>
    [Id(0)] public VmiRegistration? Registration { get; set; }

    /// <summary>The attached profile.</summary>
    [Id(1)] public string? ProfileId { get; set; }

    /// <summary>The attached profile's version.</summary>
    [Id(2)] public int? ProfileVersion { get; set; }

    /// <summary>Temporary changes not yet undone.</summary>
    [Id(3)] public List<UndoRecord> Undo { get; set; } = [];

    /// <summary>The bounded decision log, oldest first.</summary>
    [Id(4)] public List<Decision> Decisions { get; set; } = [];

    /// <summary>The last allocation the host applied.</summary>
    [Id(5)] public Allocation? Allocation { get; set; }

    /// <summary>
    /// Before <see cref="RulesDisabled"/>: rule name → last error, for the profile version then attached.
    /// Read on activation, moved to <see cref="RulesDisabled"/> and emptied.
    /// </summary>
    [Id(6)] public Dictionary<string, string> DisabledRules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Triggered programs, newest last (bounded).</summary>
    [Id(7)] public List<ExecutionRecord> Executions { get; set; } = [];

    /// <summary>The telemetry windows as of the last checkpoint (see <c>VmiOptions.WindowCheckpointInterval</c>).</summary>
    [Id(8)] public byte[]? Windows { get; set; }

    /// <summary>
    /// The rules' <c>vmi.state</c> as of the last checkpoint (bounded by <c>VmiGrains:Rules:MaxStateEntries</c>,
    /// <c>MaxStateStringLength</c> and <c>MaxStateBytes</c>), so a "do once" rule does not fire again after a failover.
    /// </summary>
    [Id(9)] public Dictionary<string, StoredRuleValue> RuleValues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rules disabled after repeated failures, keyed by profile, version and rule name.</summary>
    [Id(10)] public List<DisabledRule> RulesDisabled { get; set; } = [];

    /// <summary>When and from which host the domain was undefined; null while it is defined. The profile stays for when it returns.</summary>
    [Id(11)] public VmiAbsence? Gone { get; set; }

    /// <summary>The registration of another host that also has this UUID while <see cref="Registration"/>'s host keeps it; null without a conflict.</summary>
    [Id(12)] public VmiRegistration? ConflictingRegistration { get; set; }
}
