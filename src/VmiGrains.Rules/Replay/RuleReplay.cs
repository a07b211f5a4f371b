using System.Globalization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Replay;

/// <summary>
/// Offline dry-run (<c>vmi rules test</c>): replays recorded telemetry through one profile's rules
/// with the loop the grains run (<see cref="RuleSession"/>) on the grains' tick schedule
/// (<see cref="TickClock"/>), in the trace's time. Records are taken in timestamp order; the VMI's
/// clock starts at the first record. A sample is taken as the host's stats poll delivers it: it
/// goes into the windows, then runs <c>on_tick</c> when the tick is due (at least interval −
/// tolerance since the last), so that tick sees it. When no sample comes the VMI's timer ticks every
/// interval (interval + tolerance after a sample's tick), up to the last record's time. An event is
/// added to the recent events and runs <c>on_event</c> at its own time. The replay stops after a
/// <c>switch_profile</c> to another profile: from then on that profile's rules would run (replay it
/// with the rest of the telemetry to follow the VMI further). The schedule is <see cref="RuleTimeline"/>'s,
/// which the rollout what-if drives too.
/// </summary>
public static class RuleReplay
{
    /// <summary>Replays <paramref name="records"/> through <paramref name="profile"/>'s rules.</summary>
    public static ReplayResult Run(ProfileDocument profile, IReadOnlyList<TelemetryRecord> records, RulesOptions? options = null, string vmiId = "dry-run")
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(records);
        using var engine = new LuaRuleEngine(options ?? new RulesOptions());
        var session = new RuleSession(engine, vmiId);
        session.Use(profile.Id, RuleProgram.From(profile, 1));
        var steps = new List<ReplayStep>();
        var ordered = records.OrderBy(r => r.Timestamp).ThenBy(r => r.Line).ToList();
        if (ordered.Count == 0)
        {
            return new ReplayResult(steps, 0, 0, profile.Id);
        }

        var interval = profile.EvaluationInterval > TimeSpan.Zero ? profile.EvaluationInterval : ProfileDocument.DefaultEvaluationInterval;
        var timeline = new RuleTimeline(session, interval, ordered[0].Timestamp, (outcome, at, e) =>
        {
            var why = e is null
                ? "tick; " + Seen(session.Windows.Summarize(at).Default)
                : $"event {e.Name}{string.Concat(e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $" {f.Key}={f.Value}"))}";
            foreach (var d in outcome.Actions)
            {
                steps.Add(new ReplayStep(at, d.Rule, d.Line, d.Action.Kind, d.Action.Describe(), why));
            }

            foreach (var error in outcome.Result.Errors)
            {
                steps.Add(new ReplayStep(at, error.Rule, error.Line, "error", $"{error.Kind}: {error.Message}", why));
            }

            foreach (var d in outcome.Result.NewlyDisabled)
            {
                steps.Add(new ReplayStep(at, d.Rule, d.LastError.Line, "disabled", $"after {d.Failures} consecutive failures", why));
            }
        });
        foreach (var record in ordered.TakeWhile(_ => timeline.SwitchedTo is null))
        {
            if (record.Sample is { } sample)
            {
                timeline.Sample(sample);
            }
            else
            {
                timeline.Event(record.Event!);
            }
        }

        timeline.Until(ordered[^1].Timestamp);
        return new ReplayResult(steps, timeline.Ticks, timeline.Events, timeline.SwitchedTo ?? profile.Id);
    }

    private static string Seen(WindowSummary w) => string.Create(
        CultureInfo.InvariantCulture,
        $"cpu last={w[MetricKind.Cpu].Last:0.###} avg={w[MetricKind.Cpu].Avg:0.###}; mem avg={w[MetricKind.Mem].Avg:0.###}");
}
