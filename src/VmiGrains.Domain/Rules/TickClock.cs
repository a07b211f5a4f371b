namespace VmiGrains.Domain.Rules;

/// <summary>
/// One VMI's <see cref="TickSchedule"/> as state: when the last tick ran, whether a host sample came
/// since, and when the VMI's fallback timer fires next. Time is whatever monotonic clock the driver
/// has (the grain's <see cref="TimeProvider"/> timestamps, the dry-run's trace time) as a
/// <see cref="TimeSpan"/> from any origin. The grain owns the real timer and asks this clock whether
/// each sample and timer turn ticks; the dry-run fires the timer at <see cref="NextTimer"/>. Not
/// thread-safe (one grain turn at a time).
/// </summary>
public sealed class TickClock
{
    private TimeSpan _lastTick;
    private bool _sampleSinceTick;

    /// <summary>Starts the clock at <paramref name="now"/>: the first timer turn is one interval later.</summary>
    public TickClock(TimeSpan interval, TimeSpan now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        _lastTick = now;
        NextTimer = now + interval;
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
