using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>Persisted state of a VMI: written on every profile change, undo record and decision.</summary>
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

    /// <summary>Rules disabled after repeated failures: rule name → last error.</summary>
    [Id(6)] public Dictionary<string, string> DisabledRules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Triggered programs, newest last (bounded).</summary>
    [Id(7)] public List<ExecutionRecord> Executions { get; set; } = [];

    /// <summary>The telemetry windows as of the last checkpoint (see <c>VmiOptions.WindowCheckpointInterval</c>).</summary>
    [Id(8)] public byte[]? Windows { get; set; }

    /// <summary>
    /// The rules' <c>vmi.state</c> as of the last checkpoint (bounded by <c>VmiGrains:Rules:MaxStateEntries</c>
    /// and <c>MaxStateStringLength</c>), so a "do once" rule does not fire again after a failover.
    /// </summary>
    [Id(9)] public Dictionary<string, StoredRuleValue> RuleValues { get; set; } = new(StringComparer.Ordinal);
}
