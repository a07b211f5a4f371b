namespace VmiGrains.Domain.Rules;

/// <summary>
/// When a VMI's <c>on_tick</c> runs. Rule: it is phase-locked to the host's stats samples — a sample
/// that arrives at least <c>interval − tolerance</c> after the last tick runs the tick at once, in the
/// same grain turn, so a rule sees new data without waiting up to one more interval for its timer;
/// every host sample also pushes the VMI's own timer to <c>interval + tolerance</c> from then, so the
/// timer is only the fallback for when samples stop (stats polling off, host silo down) and the tick
/// rate never exceeds one per <c>interval − tolerance</c>. The tolerance is a quarter of the interval,
/// at most 250 ms: it absorbs the jitter of the host's poll. The fallback timer runs at a fixed rate
/// (<see cref="NextTimer"/>), and the VMIs of one silo start it at phases spread over the interval
/// (<see cref="FirstTimer"/>), so that VMIs attached together do not all fall due in the same instant.
/// </summary>
public static class TickSchedule
{
    private static readonly TimeSpan MaxTolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>How far before its interval a sample may run the tick.</summary>
    public static TimeSpan Tolerance(TimeSpan interval) => interval / 4 < MaxTolerance ? interval / 4 : MaxTolerance;

    /// <summary>Whether a host sample arriving <paramref name="sinceLastTick"/> after the last tick runs the tick now.</summary>
    public static bool DueOnSample(TimeSpan sinceLastTick, TimeSpan interval) => sinceLastTick >= interval - Tolerance(interval);

    /// <summary>When the fallback timer fires after a host sample: late enough that the next sample comes first.</summary>
    public static TimeSpan FallbackDue(TimeSpan interval) => interval + Tolerance(interval);

    /// <summary>
    /// The timer's turn after the one due at <paramref name="due"/>, at <paramref name="now"/>: one period
    /// later, so a turn that ran late does not shift the phase; if that is already past (the driver
    /// stalled for a period or more), one period from now — missed turns are skipped, not made up in a burst.
    /// </summary>
    public static TimeSpan NextTimer(TimeSpan due, TimeSpan period, TimeSpan now) => due + period > now ? due + period : now + period;

    /// <summary>
    /// When the first timer turn of <paramref name="key"/> comes after its ticking starts: a fraction of
    /// the interval in (0, 1] taken from a stable hash of the key, so that many VMIs starting at once are
    /// spread evenly over one interval, and a VMI keeps its phase wherever it is activated.
    /// </summary>
    public static TimeSpan FirstTimer(string key, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u; // FNV-1a: stable across processes, unlike string.GetHashCode
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        const int Phases = 1024;
        return interval * ((hash % Phases) + 1) / Phases;
    }
}
