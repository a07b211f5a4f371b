using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// One VMI's what-if for a rollout: what the target version's rules would do with what the VMI has
/// seen. Rule: a fresh <see cref="RuleSession"/> on the target program gets a copy of the VMI's
/// windows and its <c>vmi.state</c> values (a version switch keeps them and clears failure counts and
/// disabled rules, as the grain does); its recent events are replayed in order, each at its own time;
/// <c>on_tick</c> runs on the grain's schedule (<see cref="RuleTimeline"/>) over the last
/// <see cref="Span"/> up to <c>now</c>, each tick seeing the windows as they were then (their slots;
/// last and EWMA are today's). Counts every action by kind, the first switch to another profile (the
/// replay stops there, as the VMI would go to that profile's rules), errors and rules disabled.
/// Nothing of the VMI is changed: the session is the replay's own.
/// </summary>
public static class WhatIfReplay
{
    /// <summary>Most <c>on_tick</c> evaluations per VMI.</summary>
    public const int MaxTicks = 100;

    /// <summary>How far back ticks are replayed at <paramref name="interval"/>: the default window (10 s), at most <see cref="MaxTicks"/> ticks, at least one.</summary>
    public static TimeSpan Span(TimeSpan interval) =>
        TimeSpan.FromTicks(Math.Max(interval.Ticks, Math.Min(WindowSpec.Defaults[0].Duration.Ticks, interval.Ticks * MaxTicks)));

    /// <summary>Replays one VMI through <paramref name="program"/>, ticking every <paramref name="interval"/> until <paramref name="now"/>.</summary>
    /// <param name="engine">The cluster's rule engine.</param>
    /// <param name="vmiId">The VMI (<c>vmi.id</c>).</param>
    /// <param name="program">The target version's rules.</param>
    /// <param name="interval">The target version's evaluation interval.</param>
    /// <param name="windows">The VMI's windows as a checkpoint (<see cref="TelemetryWindows.Export"/>).</param>
    /// <param name="events">Its recent events, oldest first.</param>
    /// <param name="values">Its <c>vmi.state</c> values.</param>
    /// <param name="now">The end of the replay.</param>
    public static RolloutWhatIfVmi Run(IRuleEngine engine, string vmiId, RuleProgram program, TimeSpan interval, byte[] windows,
        IReadOnlyList<TelemetryEvent> events, IReadOnlyDictionary<string, FieldValue> values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(events);
        var session = new RuleSession(engine, vmiId);
        session.Use(program.ProfileId, program);
        session.Windows.Import(windows);
        session.State = VmiRuleState.Empty with { Values = values };
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = 0;
        var disabled = 0;
        string? firstError = null;
        string? pausedBy = null;
        var timeline = new RuleTimeline(session, interval, now - Span(interval), (outcome, _, _) =>
        {
            pausedBy ??= outcome.Result.PausedBy;
            foreach (var d in outcome.Actions)
            {
                actions[d.Action.Kind] = actions.GetValueOrDefault(d.Action.Kind) + 1;
            }

            errors += outcome.Result.Errors.Count;
            disabled += outcome.Result.NewlyDisabled.Count;
            firstError ??= outcome.Result.Errors.Count > 0 ? outcome.Result.Errors[0].ToString() : null;
        });
        foreach (var e in events.TakeWhile(_ => timeline.SwitchedTo is null))
        {
            timeline.Event(e);
        }

        timeline.Until(now);
        return new RolloutWhatIfVmi
        {
            VmiId = vmiId,
            Ticks = timeline.Ticks,
            Events = timeline.Events,
            Actions = actions,
            SwitchesTo = timeline.SwitchedTo,
            Errors = errors,
            DisabledRules = disabled,
            FirstError = firstError,
            RulesPausedBy = pausedBy,
        };
    }
}
