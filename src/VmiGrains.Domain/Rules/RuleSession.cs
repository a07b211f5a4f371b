using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// One VMI's rule loop, shared by <c>VmiGrain</c> and the offline dry-run (<c>vmi rules test</c>) so
/// that what the dry-run shows is what the cluster does: samples go into the windows; a tick or an
/// event builds the snapshot (windows at <c>now</c>, the newest <see cref="VisibleEvents"/> events, the
/// rule state), runs the engine, keeps the state it returns, and hands back the actions to apply —
/// in rule order, up to and including the first <c>switch_profile</c> to another profile (the new
/// profile's rules decide from there). When the operator paused rules nothing is evaluated and the
/// state is kept. The driver decides when ticks run (<see cref="TickClock"/>) and applies the actions.
/// Not thread-safe (one grain turn at a time).
/// </summary>
public sealed class RuleSession
{
    /// <summary>How many of the newest events a rule's snapshot carries (<c>vmi.events</c>).</summary>
    public const int VisibleEvents = 16;

    private readonly IRuleEngine _engine;

    /// <summary>A session with empty windows and state; <paramref name="eventCapacity"/> events are kept for the event stream.</summary>
    public RuleSession(IRuleEngine engine, string vmiId, int eventCapacity = 64)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventCapacity, VisibleEvents);
        _engine = engine;
        VmiId = vmiId;
        Events = new RecentEvents(eventCapacity);
    }

    /// <summary>The VMI (<c>vmi.id</c>).</summary>
    public string VmiId { get; }

    /// <summary>The sliding windows the snapshot summarises.</summary>
    public TelemetryWindows Windows { get; } = new();

    /// <summary>The events seen, newest last; the rules see the newest <see cref="VisibleEvents"/>.</summary>
    public RecentEvents Events { get; }

    /// <summary>The rules' state: <c>vmi.state</c>, failure counts, disabled rules.</summary>
    public VmiRuleState State { get; set; } = VmiRuleState.Empty;

    /// <summary>The operator switch that paused evaluation when last seen, or null.</summary>
    public string? PausedBy { get; private set; }

    /// <summary>The profile in force (<c>vmi.profile</c>); empty when none.</summary>
    public string ProfileId { get; private set; } = string.Empty;

    /// <summary>Its rules, or null when it has none (nothing is evaluated).</summary>
    public RuleProgram? Program { get; private set; }

    /// <summary>Puts <paramref name="profileId"/> and its rules in force (null for none).</summary>
    public void Use(string? profileId, RuleProgram? program)
    {
        ProfileId = profileId ?? string.Empty;
        Program = program;
    }

    /// <summary>Adds a sample to the windows.</summary>
    public void AddSample(TelemetrySample sample) => Windows.Add(sample);

    /// <summary>Runs <c>on_tick</c> at <paramref name="now"/>; null when the profile has no rules.</summary>
    public RuleOutcome? Tick(DateTimeOffset now) =>
        Program is { } program ? Accept(_engine.EvaluateTick(program, Snapshot(now))) : null;

    /// <summary>Adds <paramref name="telemetryEvent"/> to the events and runs <c>on_event</c> at <paramref name="now"/>; null when the profile has no rules.</summary>
    public RuleOutcome? Event(TelemetryEvent telemetryEvent, DateTimeOffset now)
    {
        Events.Add(telemetryEvent);
        return Program is { } program ? Accept(_engine.EvaluateEvent(program, Snapshot(now), telemetryEvent)) : null;
    }

    /// <summary>What a rule sees at <paramref name="now"/>.</summary>
    public VmiSnapshot Snapshot(DateTimeOffset now) => new(VmiId, ProfileId, Windows.Summarize(now), Events.Last(VisibleEvents), State);

    private RuleOutcome Accept(RuleEvaluationResult result)
    {
        var pauseChanged = result.PausedBy != PausedBy;
        PausedBy = result.PausedBy;
        if (result.PausedBy is not null)
        {
            return new RuleOutcome(result, [], pauseChanged, ValuesChanged: false);
        }

        var valuesChanged = !ReferenceEquals(result.State.Values, State.Values);
        State = result.State;
        return new RuleOutcome(result, InForce(result.Decisions), pauseChanged, valuesChanged);
    }

    /// <summary>The decisions up to and including the first switch to another profile; the engine's own list when it has none (no copy on the hot path).</summary>
    private IReadOnlyList<RuleDecision> InForce(IReadOnlyList<RuleDecision> decisions)
    {
        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i].Action is SwitchProfileAction s && s.ProfileId != ProfileId && i < decisions.Count - 1)
            {
                var actions = new RuleDecision[i + 1];
                for (var j = 0; j <= i; j++)
                {
                    actions[j] = decisions[j];
                }

                return actions;
            }
        }

        return decisions;
    }
}
