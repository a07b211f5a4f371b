using System.Globalization;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Appends to a bounded decision log, dropping the oldest entries. Host rebalances that follow each
/// other within <see cref="CoalesceWindow"/> (e.g. while a rollout attaches the host's other VMIs one by
/// one) become one entry: the first "before", the last "after" and the count, so a burst of other VMIs'
/// changes neither floods the "why" log nor grows every VMI's state.
/// </summary>
internal static class DecisionLog
{
    /// <summary>Most decisions kept per VMI.</summary>
    public const int Capacity = 200;

    /// <summary>How close host rebalances must follow each other to share an entry.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromSeconds(10);

    private const string Rebalanced = "host rebalanced";

    public static void Add(List<Decision> log, Decision decision)
    {
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
        if (log.Count > Capacity)
        {
            log.RemoveRange(0, log.Count - Capacity);
        }
    }

    private static int Count(string what) =>
        what.Length > Rebalanced.Length && int.TryParse(what.AsSpan(Rebalanced.Length + 2).TrimEnd(" times)"), CultureInfo.InvariantCulture, out var n) ? n : 1;
}
