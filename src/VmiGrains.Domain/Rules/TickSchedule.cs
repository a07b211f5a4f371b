namespace VmiGrains.Domain.Rules;

/// <summary>
/// When a VMI's <c>on_tick</c> runs. Rule: it is phase-locked to the host's stats samples — a sample
/// that arrives at least <c>interval − tolerance</c> after the last tick runs the tick at once, in the
/// same grain turn, so a rule sees new data without waiting up to one more interval for its timer;
/// every host sample also pushes the VMI's own timer to <c>interval + tolerance</c> from then, so the
/// timer is only the fallback for when samples stop (stats polling off, host silo down) and the tick
/// rate never exceeds one per <c>interval − tolerance</c>. The tolerance is a quarter of the interval,
/// at most 250 ms: it absorbs the jitter of the host's poll.
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
}
