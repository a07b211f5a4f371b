namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The rule of the undo record list: one record per kind and target, a new one replacing the previous
/// one — per resource for <c>set_weight</c>, one shaping and one set of guest app rules per VMI, one
/// syscall fault per app (the one <c>exec</c> applies), one scoped profile per run — and at most
/// <see cref="VmiStateBudget.MaxSyscallFaults"/> syscall faults, the oldest making room for a new app's.
/// Texts are cut to <see cref="VmiStateBudget.MaxTextChars"/>.
/// </summary>
internal static class UndoList
{
    /// <summary>Adds <paramref name="record"/>; returns the records it replaced or pushed out (oldest first).</summary>
    public static List<UndoRecord> Add(List<UndoRecord> list, UndoRecord record)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(record);
        var removed = list.Where(u => SameTarget(u, record)).ToList();
        list.RemoveAll(u => SameTarget(u, record));
        if (record.Kind == UndoKinds.SyscallFault)
        {
            var faults = list.Where(u => u.Kind == UndoKinds.SyscallFault).ToList();
            foreach (var oldest in faults.Take(Math.Max(0, faults.Count - VmiStateBudget.MaxSyscallFaults + 1)))
            {
                list.Remove(oldest);
                removed.Add(oldest);
            }
        }

        list.Add(Bounded(record));
        return removed;
    }

    /// <summary>
    /// State stored before these bounds (repeated faults were appended): keeps the newest record per kind
    /// and target, and the newest faults; returns what it dropped.
    /// </summary>
    public static List<UndoRecord> Compact(List<UndoRecord> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var kept = new List<UndoRecord>();
        var removed = new List<UndoRecord>();
        foreach (var record in list)
        {
            removed.AddRange(Add(kept, record));
        }

        list.Clear();
        list.AddRange(kept);
        return removed;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> change the same thing, so only one of them may be in force.</summary>
    public static bool SameTarget(UndoRecord a, UndoRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Kind == b.Kind && a.Kind switch
        {
            UndoKinds.WeightOverride => a.Resource == b.Resource,
            UndoKinds.SyscallFault => string.Equals(a.App, b.App, StringComparison.Ordinal),
            UndoKinds.ScopedProfile => string.Equals(a.ExecutionId, b.ExecutionId, StringComparison.Ordinal),
            _ => true, // shaping, guest app firewall: one per VMI
        };
    }

    private static UndoRecord Bounded(UndoRecord r) =>
        r.Description.Length <= VmiStateBudget.MaxTextChars && r.Reason.Length <= VmiStateBudget.MaxTextChars
            ? r
            : r with { Description = VmiStateBudget.Truncate(r.Description)!, Reason = VmiStateBudget.Truncate(r.Reason)! };
}
