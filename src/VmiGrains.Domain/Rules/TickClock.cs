namespace VmiGrains.Domain.Rules;

/// <summary>
/// One VMI's <see cref="TickSchedule"/> as state: when the last tick ran, whether a host sample came
/// since, and when the VMI's fallback timer fires next. Time is whatever monotonic clock the driver
/// has (the grain's <see cref="TimeProvider"/> timestamps, the dry-run's trace time) as a
/// <see cref="TimeSpan"/> from any origin. In the cluster the silo's tick scheduler (a
/// <see cref="TickWheel{TKey}"/>) keeps the timer and the grain asks this clock whether each sample
/// and scheduler turn (<see cref="OnDue"/>) ticks; the dry-run fires the timer at <see cref="NextTimer"/>
/// (<see cref="OnTimer"/>). Not thread-safe (one grain turn at a time).
/// </summary>
public sealed class TickClock
{
    private TimeSpan _lastTick;
    private bool _sampleSinceTick;

    /// <summary>
    /// Starts the clock at <paramref name="now"/>: the first timer turn is <paramref name="firstTimer"/>
    /// later (default one interval, at most one interval), as if the last tick had run one interval
    /// before it — so a sample may run the first tick from <c>firstTimer − tolerance</c> on, and the
    /// first tick's drift is its lateness against that turn.
    /// </summary>
    public TickClock(TimeSpan interval, TimeSpan now, TimeSpan? firstTimer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var first = firstTimer ?? interval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero, nameof(firstTimer));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, interval, nameof(firstTimer));
        Interval = interval;
        NextTimer = now + first;
        _lastTick = NextTimer - interval;
    }

    /// <summary>The profile's evaluation interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>When the timer's next turn comes (the timer's due time, then its period).</summary>
    public TimeSpan NextTimer { get; private set; }

    /// <summary>A host sample arrived at <paramref name="now"/>: whether the tick runs now.</summary>
    public bool OnSample(TimeSpan now)
    {
        _sampleSinceTick = true;
        return TickSchedule.DueOnSample(now - _lastTick, Interval);
    }

    /// <summary>
    /// The timer's turn at <paramref name="now"/>: whether it ticks. A turn already queued when a
    /// sample's tick ran is dropped (it would be a second tick right after that one).
    /// </summary>
    public bool OnTimer(TimeSpan now)
    {
        if (NextTimer <= now)
        {
            NextTimer = now + Interval; // its period; a turn queued before a re-phase leaves the new due time alone
        }

        return TickSchedule.DueOnSample(now - _lastTick, Interval);
    }

    /// <summary>
    /// A scheduler's turn for the timer due at <paramref name="due"/>, which the scheduler moved on to
    /// <paramref name="next"/>, arriving at <paramref name="now"/>: whether it ticks. A turn for an earlier
    /// due time than <see cref="NextTimer"/> is stale — a sample's tick re-phased the timer after the
    /// scheduler sent it — and is dropped. A turn that comes less than <c>interval − tolerance</c> after
    /// the last tick (that tick ran late — a busy silo delivered its turn late — and this one is on time)
    /// does not tick either: the timer moves to one interval after the last tick, so a late turn is never
    /// followed by a burst; on <see cref="TimerTurn.Moved"/> the driver moves its turn to <see cref="NextTimer"/>.
    /// </summary>
    public TimerTurn OnDue(TimeSpan due, TimeSpan next, TimeSpan now)
    {
        if (due < NextTimer)
        {
            return TimerTurn.Stale;
        }

        if (!TickSchedule.DueOnSample(now - _lastTick, Interval))
        {
            NextTimer = _lastTick + Interval;
            return TimerTurn.Moved;
        }

        NextTimer = next;
        return TimerTurn.Tick;
    }

    /// <summary>
    /// A tick runs at <paramref name="now"/>. Returns how late it is against its schedule (the drift
    /// metric) and whether the timer moves to <see cref="TickSchedule.FallbackDue"/> from now: after
    /// host samples it only stands in for one that does not come.
    /// </summary>
    public (TimeSpan Drift, bool Rephased) Ticked(TimeSpan now)
    {
        var punctual = _sampleSinceTick ? TickSchedule.FallbackDue(Interval) : Interval;
        var drift = now - _lastTick - punctual;
        _lastTick = now;
        var rephased = _sampleSinceTick;
        if (rephased)
        {
            NextTimer = now + TickSchedule.FallbackDue(Interval);
            _sampleSinceTick = false;
        }

        return (drift > TimeSpan.Zero ? drift : TimeSpan.Zero, rephased);
    }
}

/// <summary>What a scheduler's turn does (<see cref="TickClock.OnDue"/>).</summary>
public enum TimerTurn
{
    /// <summary>The tick runs.</summary>
    Tick,

    /// <summary>Sent before a sample's tick re-phased the timer: dropped, the scheduler already has the new time.</summary>
    Stale,

    /// <summary>Too soon after the last tick: not run; the timer's next turn is <see cref="TickClock.NextTimer"/>.</summary>
    Moved,
}
