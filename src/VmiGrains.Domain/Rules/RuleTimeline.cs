using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// Drives a <see cref="RuleSession"/> through recorded time on the grain's tick schedule
/// (<see cref="TickClock"/>), for the two dry-runs: <c>vmi rules test</c> (a telemetry file) and the
/// rollout what-if (a VMI's windows and events). Rule: the clock starts at <c>origin</c>; before each
/// sample or event the timer's turns up to just before it run; a sample goes into the windows and
/// ticks when due, so that tick sees it; an event runs <c>on_event</c> at its own time;
/// <see cref="Until"/> runs the timer's turns up to a time. Once an evaluation switches to another
/// profile the timeline stops (that profile's rules would decide from there): every later call does nothing.
/// </summary>
public sealed class RuleTimeline
{
    private readonly RuleSession _session;
    private readonly TickClock _clock;
    private readonly DateTimeOffset _origin;
    private readonly Action<RuleOutcome, DateTimeOffset, TelemetryEvent?> _evaluated;

    /// <summary>A timeline from <paramref name="origin"/> ticking every <paramref name="interval"/>; <paramref name="evaluated"/> sees each outcome (the event, or null for a tick).</summary>
    public RuleTimeline(RuleSession session, TimeSpan interval, DateTimeOffset origin, Action<RuleOutcome, DateTimeOffset, TelemetryEvent?> evaluated)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(evaluated);
        _session = session;
        _clock = new TickClock(interval, TimeSpan.Zero);
        _origin = origin;
        _evaluated = evaluated;
    }

    /// <summary>How many <c>on_tick</c> evaluations ran.</summary>
    public int Ticks { get; private set; }

    /// <summary>How many events were replayed.</summary>
    public int Events { get; private set; }

    /// <summary>The other profile an evaluation switched to; null while none did.</summary>
    public string? SwitchedTo { get; private set; }

    /// <summary>A sample as the host's stats poll delivers it.</summary>
    public void Sample(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var at = sample.Timestamp - _origin;
        TimerUntil(at - TimeSpan.FromTicks(1));
        if (SwitchedTo is not null)
        {
            return;
        }

        _session.AddSample(sample);
        if (_clock.OnSample(at))
        {
            Tick(at);
        }
    }

    /// <summary>An event at its own time.</summary>
    public void Event(TelemetryEvent telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        TimerUntil(telemetryEvent.Timestamp - _origin - TimeSpan.FromTicks(1));
        if (SwitchedTo is not null)
        {
            return;
        }

        Events++;
        Evaluated(_session.Event(telemetryEvent, telemetryEvent.Timestamp), telemetryEvent.Timestamp, telemetryEvent);
    }

    /// <summary>The timer's turns up to and including <paramref name="until"/>.</summary>
    public void Until(DateTimeOffset until) => TimerUntil(until - _origin);

    private void TimerUntil(TimeSpan until)
    {
        while (SwitchedTo is null && _clock.NextTimer <= until)
        {
            var at = _clock.NextTimer;
            if (_clock.OnTimer(at))
            {
                Tick(at);
            }
        }
    }

    private void Tick(TimeSpan at)
    {
        _clock.Ticked(at);
        var now = _origin + at;
        Ticks++;
        Evaluated(_session.Tick(now), now, null);
    }

    private void Evaluated(RuleOutcome? outcome, DateTimeOffset at, TelemetryEvent? trigger)
    {
        if (outcome is null)
        {
            return;
        }

        _evaluated(outcome, at, trigger);
        foreach (var d in outcome.Actions)
        {
            if (d.Action is SwitchProfileAction s && s.ProfileId != _session.ProfileId)
            {
                SwitchedTo ??= s.ProfileId;
            }
        }
    }
}
