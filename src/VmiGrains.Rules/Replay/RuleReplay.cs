using System.Globalization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Replay;

/// <summary>
/// Offline dry-run (<c>vmi rules test</c>): replays recorded telemetry through one profile's rules
/// with the same windows and engine the grains use. Rule: records are taken in timestamp order;
/// before each record, <c>on_tick</c> runs at every evaluation-interval boundary (counted from the
/// first record) up to the record's time; a sample then updates the windows, an event is added to
/// the recent events and runs <c>on_event</c>. A final tick runs at the last record's time.
/// The replay stops after a <c>switch_profile</c> to another profile: from then on that profile's
/// rules would run (replay it with the rest of the telemetry to follow the VMI further).
/// </summary>
public static class RuleReplay
{
    /// <summary>Replays <paramref name="records"/> through <paramref name="profile"/>'s rules.</summary>
    public static ReplayResult Run(ProfileDocument profile, IReadOnlyList<TelemetryRecord> records, RulesOptions? options = null, string vmiId = "dry-run")
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(records);
        using var engine = new LuaRuleEngine(options ?? new RulesOptions());
        var program = RuleProgram.From(profile, 1);
        var windows = new TelemetryWindows();
        var recent = new RecentEvents();
        var state = VmiRuleState.Empty;
        var current = profile.Id;
        var steps = new List<ReplayStep>();
        var ticks = 0;
        var events = 0;
        var ordered = records.OrderBy(r => r.Timestamp).ThenBy(r => r.Line).ToList();
        if (ordered.Count == 0)
        {
            return new ReplayResult(steps, 0, 0, current);
        }

        var interval = profile.EvaluationInterval > TimeSpan.Zero ? profile.EvaluationInterval : ProfileDocument.DefaultEvaluationInterval;
        var nextTick = ordered[0].Timestamp;

        void Apply(RuleEvaluationResult result, DateTimeOffset at, string why)
        {
            state = result.State;
            foreach (var d in result.Decisions)
            {
                steps.Add(new ReplayStep(at, d.Rule, d.Line, d.Action.Kind, d.Action.Describe(), why));
                if (d.Action is SwitchProfileAction sw)
                {
                    current = sw.ProfileId;
                }
            }

            foreach (var e in result.Errors)
            {
                steps.Add(new ReplayStep(at, e.Rule, e.Line, "error", $"{e.Kind}: {e.Message}", why));
            }

            foreach (var d in result.NewlyDisabled)
            {
                steps.Add(new ReplayStep(at, d.Rule, d.LastError.Line, "disabled", $"after {d.Failures} consecutive failures", why));
            }
        }

        VmiSnapshot Snapshot(DateTimeOffset at) => new(vmiId, current, windows.Summarize(at), recent.ToList(), state);

        void TicksUntil(DateTimeOffset until)
        {
            while (nextTick <= until && current == profile.Id)
            {
                var snapshot = Snapshot(nextTick);
                Apply(engine.EvaluateTick(program, snapshot), nextTick, "tick; " + Seen(snapshot.Metrics.Default));
                ticks++;
                nextTick += interval;
            }
        }

        foreach (var record in ordered)
        {
            if (current != profile.Id)
            {
                break;
            }

            // Ticks strictly before this record see the windows as they were.
            TicksUntil(record.Timestamp - TimeSpan.FromTicks(1));
            if (record.Sample is { } sample)
            {
                windows.Add(sample);
                continue;
            }

            var e = record.Event!;
            recent.Add(e);
            events++;
            var snap = Snapshot(e.Timestamp);
            Apply(engine.EvaluateEvent(program, snap, e), e.Timestamp, $"event {e.Name}{string.Concat(e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $" {f.Key}={f.Value}"))}");
        }

        if (current == profile.Id)
        {
            TicksUntil(ordered[^1].Timestamp);
        }

        return new ReplayResult(steps, ticks, events, current);
    }

    private static string Seen(WindowSummary w) => string.Create(
        CultureInfo.InvariantCulture,
        $"cpu last={w[MetricKind.Cpu].Last:0.###} avg={w[MetricKind.Cpu].Avg:0.###}; mem avg={w[MetricKind.Mem].Avg:0.###}");
}
