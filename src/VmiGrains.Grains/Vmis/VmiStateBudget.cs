namespace VmiGrains.Grains.Vmis;

/// <summary>
/// How big one VMI's stored state may grow, part by part, so that the whole <see cref="VmiState"/> stays
/// well under the smallest entity a durable provider accepts: Orleans' Azure Table storage refuses state
/// over 15 properties × 64 KiB = 983,040 bytes ("Data too large to write to Azure table"), after which
/// every write of that VMI would fail. Sizes are UTF-8 bytes of the texts plus a fixed overhead per entry
/// (Orleans' binary serializer writes strings as UTF-8 with a short length prefix).
/// <code>
///   decisions      DecisionBytes                      262,144  (at most 200; each text at most 4,096 characters)
///   undo records   4 weights + shaping + app firewall + scoped profile + MaxSyscallFaults
///                  = 23 records × MaxUndoRecordBytes 4,096 =  94,208
///   executions     ExecutionBytes                     131,072  (and at most 50; output cut at 2 KiB per stream)
///   vmi.state      Rules:MaxStateBytes, at most        65,536  (default 16,384)
///   disabled rules 32 scripts × (2 × MaxTextChars)    32 × 2,048 + keys = ~70,000
///   windows        fixed by the window layout          ~8,200
///   the rest       registration, allocation, ids       ~4,000
///   total, worst case                                 ~635,000 = 65 % of 983,040
/// </code>
/// The undo records' app and syscall names are bounded by <c>VmiGrains:Rules:MaxActionStringLength</c>
/// (default 1,024 characters); the table assumes the default.
/// Every bound holds by construction (eviction, replacement, truncation) except <c>vmi.state</c>, where a
/// rule that exceeds its bound gets a rule error and its state is not kept.
/// </summary>
internal static class VmiStateBudget
{
    /// <summary>Orleans' Azure Table storage limit on one grain's serialized state.</summary>
    public const int AzureTableMaxBytes = 15 * 64 * 1024;

    /// <summary>Bytes of decisions kept per VMI; the oldest go first.</summary>
    public const int DecisionBytes = 256 * 1024;

    /// <summary>Longest text (characters) of one decision field (an <c>emit</c> of 16 long fields is longer); longer ones are cut with a marker.</summary>
    public const int MaxDecisionTextChars = 4096;

    /// <summary>Longest text (characters) of one undo record field or disabled rule's error; longer ones are cut with a marker.</summary>
    public const int MaxTextChars = 1024;

    /// <summary>Most <c>inject_syscall_fault</c> undo records (one per app); the oldest is replaced by a new app's.</summary>
    public const int MaxSyscallFaults = 16;

    /// <summary>Worst case of one undo record: four texts of <see cref="MaxTextChars"/> plus ids.</summary>
    public const int MaxUndoRecordBytes = 4096;

    /// <summary>Bytes of triggered programs' records kept per VMI; the oldest finished ones go first.</summary>
    public const int ExecutionBytes = 128 * 1024;

    /// <summary>Longest output (characters) kept in storage per stream of a triggered program.</summary>
    public const int MaxStoredOutputChars = 2048;

    /// <summary>Fixed overhead counted per entry (time stamps, numbers, field tags).</summary>
    public const int EntryOverheadBytes = 48;

    /// <summary>UTF-8 bytes of <paramref name="text"/> (0 for null).</summary>
    public static int Bytes(string? text) => text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);

    /// <summary><paramref name="text"/> cut to <paramref name="maxChars"/> characters, ending in a marker that says how much was cut.</summary>
    public static string? Truncate(string? text, int maxChars = MaxTextChars)
    {
        if (text is null || text.Length <= maxChars)
        {
            return text;
        }

        var marker = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"… [truncated: {text.Length} characters, {maxChars} kept]");
        var keep = Math.Max(0, maxChars - marker.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        return string.Concat(text.AsSpan(0, keep), marker);
    }
}
