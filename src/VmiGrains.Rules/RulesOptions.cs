namespace VmiGrains.Rules;

/// <summary>
/// Budgets of the Lua rule engine (section <c>VmiGrains:Rules</c>). Defaults stop a runaway rule
/// in a few milliseconds while leaving typical rules (tens of instructions) 10,000× headroom.
/// </summary>
public sealed class RulesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Rules";

    /// <summary>Lua VM instructions one rule call may run (checked every 1000). Default 500,000.</summary>
    public long InstructionBudget { get; set; } = 500_000;

    /// <summary>
    /// The operator switch: false stops every rule evaluation in this process (ticks and events)
    /// without touching stored state; true again resumes. Read live when the configuration reloads.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Profile ids whose rules are not evaluated (the per-profile operator switch).</summary>
    public IList<string> DisabledProfiles { get; set; } = [];

    /// <summary>
    /// Largest single allocation a rule may make (one string, one table's array or hash part), in
    /// bytes. It bounds the work of any one library call between two budget checks. Default 256 KiB.
    /// </summary>
    public long MaxAllocationBytes { get; set; } = 256 * 1024;

    /// <summary>Heap cap of one pooled Lua state, in bytes. Default 4 MiB.</summary>
    public long MemoryLimitBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// CPU time one rule call may use (the evaluating thread's own time: what the rule costs).
    /// Default 10 ms.
    /// </summary>
    public TimeSpan CpuTimeLimit { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Wall-clock limit of one rule call: also counts moments the host did not run it (preemption
    /// on a busy machine, GC), so it is larger than <see cref="CpuTimeLimit"/> and stops a call the
    /// machine starves rather than one that computes. Default 500 ms.
    /// </summary>
    public TimeSpan WallClockLimit { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most actions one evaluation (all rules together) may return. Default 16.</summary>
    public int MaxActions { get; set; } = 16;

    /// <summary>Longest string (bytes) a rule may build with <c>string.rep</c> or return in an action. Default 4096.</summary>
    public int MaxStringLength { get; set; } = 4096;

    /// <summary>Longest string (characters) accepted in a validated action field. Default 1024.</summary>
    public int MaxActionStringLength { get; set; } = 1024;

    /// <summary>Most keys in <c>vmi.state</c>. Default 32.</summary>
    public int MaxStateEntries { get; set; } = 32;

    /// <summary>Longest string value (characters) in <c>vmi.state</c>. Default 256.</summary>
    public int MaxStateStringLength { get; set; } = 256;

    /// <summary>
    /// Most bytes of the whole <c>vmi.state</c> (UTF-8 keys and strings, 8 per number), stored with the VMI.
    /// Default 16 KiB, at most 64 KiB: the VMI's stored state budget (docs/operations.md) counts on it.
    /// </summary>
    public int MaxStateBytes { get; set; } = 16 * 1024;

    /// <summary>Consecutive failures after which a rule is disabled for the VMI. Default 5.</summary>
    public int FailuresBeforeDisable { get; set; } = 5;

    /// <summary>Idle Lua states kept per profile version. Default 2 × processor count.</summary>
    public int MaxPooledStatesPerProgram { get; set; } = 2 * Environment.ProcessorCount;
}
