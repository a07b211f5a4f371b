using System.Globalization;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Appends to a bounded decision log, dropping the oldest entries beyond <see cref="Capacity"/> entries or
/// <see cref="VmiStateBudget.DecisionBytes"/> bytes, whichever comes first; a text longer than
/// <see cref="VmiStateBudget.MaxDecisionTextChars"/> is cut with a marker, so no single decision can crowd out the log.
/// Host rebalances that follow each other within <see cref="CoalesceWindow"/> (e.g. while a rollout attaches
/// the host's other VMIs one by one) become one entry: the first "before", the last "after" and the count, so
/// a burst of other VMIs' changes neither floods the "why" log nor grows every VMI's state.
/// </summary>
internal static class DecisionLog
{
    /// <summary>Most decisions kept per VMI.</summary>
    public const int Capacity = 200;

    /// <summary>How close host rebalances must follow each other to share an entry.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromSeconds(10);

    private const string Rebalanced = "host rebalanced";

    private const int Max = VmiStateBudget.MaxDecisionTextChars;

    public static void Add(List<Decision> log, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(log);
        decision = Bounded(decision);
        if (decision is { Kind: "allocation", What: Rebalanced } && log.Count > 0
            && log[^1] is { Kind: "allocation" } last && last.What.StartsWith(Rebalanced, StringComparison.Ordinal)
            && decision.Time - last.Time <= CoalesceWindow)
        {
            log[^1] = last with
            {
                Time = decision.Time,
                What = string.Create(CultureInfo.InvariantCulture, $"{Rebalanced} ({Count(last.What) + 1} times)"),
                Reason = decision.Reason,
                After = decision.After,
            };
            return;
        }

        log.Add(decision);
        Trim(log);
    }

    /// <summary>Drops the oldest decisions until the log is within its count and byte bounds (also for state stored before the byte bound).</summary>
    public static void Trim(List<Decision> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var bytes = 0L;
        var keep = 0;
        for (var i = log.Count - 1; i >= 0 && keep < Capacity; i--)
        {
            var size = SizeOf(log[i]);
            if (bytes + size > VmiStateBudget.DecisionBytes && keep > 0)
            {
                break;
            }

            bytes += size;
            keep++;
        }

        if (keep < log.Count)
        {
            log.RemoveRange(0, log.Count - keep);
        }
    }

    /// <summary>Bytes one decision costs in storage (see <see cref="VmiStateBudget"/>).</summary>
    public static int SizeOf(Decision d) => VmiStateBudget.EntryOverheadBytes + VmiStateBudget.Bytes(d.Kind) + VmiStateBudget.Bytes(d.What)
        + VmiStateBudget.Bytes(d.Reason) + VmiStateBudget.Bytes(d.Before) + VmiStateBudget.Bytes(d.After) + VmiStateBudget.Bytes(d.Caller);

    /// <summary>The decision with every text cut to <see cref="VmiStateBudget.MaxDecisionTextChars"/>.</summary>
    public static Decision Bounded(Decision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.What.Length <= Max && d.Reason.Length <= Max
            && (d.Before?.Length ?? 0) <= Max && (d.After?.Length ?? 0) <= Max
            && (d.Caller?.Length ?? 0) <= Max
            ? d
            : d with
            {
                What = VmiStateBudget.Truncate(d.What, Max)!,
                Reason = VmiStateBudget.Truncate(d.Reason, Max)!,
                Before = VmiStateBudget.Truncate(d.Before, Max),
                After = VmiStateBudget.Truncate(d.After, Max),
                Caller = VmiStateBudget.Truncate(d.Caller, Max),
            };
    }

    private static int Count(string what) =>
        what.Length > Rebalanced.Length && int.TryParse(what.AsSpan(Rebalanced.Length + 2).TrimEnd(" times)"), CultureInfo.InvariantCulture, out var n) ? n : 1;
}
