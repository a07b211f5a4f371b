using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The triggered programs kept with a VMI: at most <see cref="Capacity"/> and
/// <see cref="VmiStateBudget.ExecutionBytes"/> bytes, the oldest going first. The output stored with a
/// record is cut to <see cref="VmiStateBudget.MaxStoredOutputChars"/> per stream (<c>truncated: true</c>);
/// the answer that first sees a program finished carries the agent's whole output.
/// </summary>
internal static class ExecutionList
{
    /// <summary>Most runs kept per VMI.</summary>
    public const int Capacity = 50;

    /// <summary>Adds <paramref name="record"/> and drops the oldest runs beyond the bounds (never the new one).</summary>
    public static void Add(List<ExecutionRecord> list, ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(record);
        record.View = Stored(record.View);
        list.Add(record);
        Trim(list);
    }

    /// <summary>Drops the oldest runs until the list is within its count and byte bounds.</summary>
    public static void Trim(List<ExecutionRecord> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        while (list.Count > 1 && (list.Count > Capacity || list.Sum(SizeOf) > VmiStateBudget.ExecutionBytes))
        {
            list.RemoveAt(0);
        }
    }

    /// <summary>The view as stored: each output stream cut to <see cref="VmiStateBudget.MaxStoredOutputChars"/>.</summary>
    public static ExecutionView Stored(ExecutionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        const int max = VmiStateBudget.MaxStoredOutputChars;
        return view.Stdout.Length <= max && view.Stderr.Length <= max && (view.Error?.Length ?? 0) <= VmiStateBudget.MaxTextChars
            ? view
            : view with
            {
                Stdout = VmiStateBudget.Truncate(view.Stdout, max)!,
                Stderr = VmiStateBudget.Truncate(view.Stderr, max)!,
                Error = VmiStateBudget.Truncate(view.Error),
                Truncated = view.Truncated || view.Stdout.Length > max || view.Stderr.Length > max,
            };
    }

    private static int SizeOf(ExecutionRecord r) => VmiStateBudget.EntryOverheadBytes * 2 + VmiStateBudget.Bytes(r.View.ExecutionId)
        + VmiStateBudget.Bytes(r.View.Stdout) + VmiStateBudget.Bytes(r.View.Stderr) + VmiStateBudget.Bytes(r.View.Error)
        + VmiStateBudget.Bytes(r.View.ProfileId) + VmiStateBudget.Bytes(r.View.State);
}
