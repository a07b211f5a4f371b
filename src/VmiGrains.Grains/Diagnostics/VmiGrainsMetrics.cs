using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VmiGrains.Grains.Diagnostics;

/// <summary>
/// The <c>VmiGrains</c> meter (System.Diagnostics.Metrics) and its instruments. Static, like the
/// runtime's own meters, so that grains record with one call and no constructor change; exporters
/// (the silo's Prometheus endpoint, <c>dotnet-counters</c>) subscribe by the meter name.
/// Durations are in seconds, following the OpenTelemetry semantic conventions.
/// </summary>
public static class VmiGrainsMetrics
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "VmiGrains";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Telemetry samples taken into VMI windows (from clients and from the host's statistics poll).</summary>
    public static readonly Counter<long> SamplesIngested =
        Meter.CreateCounter<long>("vmigrains.samples.ingested", "{sample}", "Telemetry samples taken into VMI windows");

    /// <summary>Named events taken in (each runs the rules' <c>on_event</c>).</summary>
    public static readonly Counter<long> EventsIngested =
        Meter.CreateCounter<long>("vmigrains.events.ingested", "{event}", "Named telemetry events taken in");

    /// <summary>Guest polls of the observers; tags <c>observer</c> (<c>users</c>, <c>applications</c>) and <c>outcome</c> (<c>ok</c>, <c>failed</c>).</summary>
    public static readonly Counter<long> ObserverPolls =
        Meter.CreateCounter<long>("vmigrains.observer.polls", "{poll}", "Guest polls of the observers");

    /// <summary>Events the observers raised (after their budget); tag <c>observer</c>.</summary>
    public static readonly Counter<long> ObserverEvents =
        Meter.CreateCounter<long>("vmigrains.observer.events", "{event}", "Events raised by the observers");

    /// <summary>Observed changes dropped by the observers' budget (summarised as <c>observer_dropped</c>); tag <c>observer</c>.</summary>
    public static readonly Counter<long> ObserverDropped =
        Meter.CreateCounter<long>("vmigrains.observer.dropped", "{event}", "Observed changes dropped by the observers' budget");

    /// <summary>Rule program evaluations; tag <c>trigger</c> = <c>tick</c> or <c>event</c>.</summary>
    public static readonly Counter<long> RuleEvaluations =
        Meter.CreateCounter<long>("vmigrains.rule.evaluations", "{evaluation}", "Rule program evaluations");

    /// <summary>Rule failures (errors, budget exhaustion, invalid actions); tag <c>kind</c>.</summary>
    public static readonly Counter<long> RuleFailures =
        Meter.CreateCounter<long>("vmigrains.rule.failures", "{failure}", "Rule failures");

    /// <summary>Rules disabled on a VMI after failing repeatedly (until an operator enables them again).</summary>
    public static readonly Counter<long> RulesDisabled =
        Meter.CreateCounter<long>("vmigrains.rule.disabled", "{rule}", "Rules disabled on a VMI after repeated failures");

    /// <summary>How long a rollout took to switch one wave's VMIs (soak and gate not included); tag <c>step</c> = <c>apply</c> or <c>rollback</c>.</summary>
    public static readonly Histogram<double> RolloutWaveDuration =
        Meter.CreateHistogram<double>("vmigrains.rollout.wave.duration", "s", "Time to switch the VMIs of one rollout wave",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 10, 30, 60, 300] });

    /// <summary>VMIs a rollout's waves switched; tags <c>step</c> = <c>apply</c> or <c>rollback</c>, <c>outcome</c> = <c>switched</c> or <c>failed</c>.</summary>
    public static readonly Counter<long> RolloutVmis =
        Meter.CreateCounter<long>("vmigrains.rollout.vmis", "{vmi}", "VMIs switched by rollout waves");

    /// <summary>Rollout wave gates evaluated; tag <c>outcome</c> = <c>passed</c> or <c>failed</c>.</summary>
    public static readonly Counter<long> RolloutGates =
        Meter.CreateCounter<long>("vmigrains.rollout.gates", "{gate}", "Rollout wave gates evaluated");

    /// <summary>Actions returned by rules and applied by VMI grains; tag <c>kind</c> (e.g. <c>switch_profile</c>).</summary>
    public static readonly Counter<long> ActionsApplied =
        Meter.CreateCounter<long>("vmigrains.actions.applied", "{action}", "Rule actions applied");

    /// <summary>Host rebalances that moved at least one VMI; tag <c>host</c>.</summary>
    public static readonly Counter<long> Rebalances =
        Meter.CreateCounter<long>("vmigrains.rebalances", "{rebalance}", "Host rebalances that changed allocations");

    /// <summary>Latency of libvirt calls; tags <c>operation</c> and <c>outcome</c>.</summary>
    public static readonly Histogram<double> LibvirtDuration =
        Meter.CreateHistogram<double>("vmigrains.libvirt.duration", "s", "Latency of libvirt calls",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });

    /// <summary>From when an event happened to when the actions the rules returned for it were applied.</summary>
    public static readonly Histogram<double> ReactionDuration =
        Meter.CreateHistogram<double>("vmigrains.reaction.duration", "s", "From an event to the rules' actions being applied",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>How much later than its evaluation interval a VMI's rule tick ran (0 when on time): the timer backlog.</summary>
    public static readonly Histogram<double> TickDrift =
        Meter.CreateHistogram<double>("vmigrains.tick.drift", "s", "Lateness of a VMI rule tick beyond its evaluation interval",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Rule ticks run by an arriving host sample rather than the VMI's timer (see <see cref="Domain.Rules.TickSchedule"/>).</summary>
    public static readonly Counter<long> TicksOnSample =
        Meter.CreateCounter<long>("vmigrains.tick.on_sample", "{tick}", "VMI rule ticks run by an arriving host stats sample");

    /// <summary>Claims committed by one host re-plan (claims that queued while the host was busy share it); tag <c>host</c>.</summary>
    public static readonly Histogram<int> ClaimGroupSize =
        Meter.CreateHistogram<int>("vmigrains.host.claim_group.size", "{claim}", "Claims committed by one host re-plan",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 50, 100, 500, 1000, 5000] });

    /// <summary>Records a feedback batch taken in by a VMI.</summary>
    public static void RecordFeedback(int samples, int events)
    {
        if (samples > 0)
        {
            SamplesIngested.Add(samples);
        }

        if (events > 0)
        {
            EventsIngested.Add(events);
        }
    }

    /// <summary>Records an action a rule returned and the grain applied.</summary>
    public static void RecordAction(string kind) => ActionsApplied.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records one wave switched by a rollout (<paramref name="rollback"/>: moved back) in <paramref name="seconds"/>.</summary>
    public static void RecordWave(bool rollback, double seconds, int switched, int failed)
    {
        var step = new KeyValuePair<string, object?>("step", rollback ? "rollback" : "apply");
        RolloutWaveDuration.Record(seconds, step);
        RolloutVmis.Add(switched, step, new KeyValuePair<string, object?>("outcome", "switched"));
        if (failed > 0)
        {
            RolloutVmis.Add(failed, step, new KeyValuePair<string, object?>("outcome", "failed"));
        }
    }

    /// <summary>Records a rollout wave gate that passed or failed.</summary>
    public static void RecordGate(bool passed) => RolloutGates.Add(1, new KeyValuePair<string, object?>("outcome", passed ? "passed" : "failed"));

    /// <summary>Records a rebalance of <paramref name="host"/> that changed allocations.</summary>
    public static void RecordRebalance(string host) => Rebalances.Add(1, new KeyValuePair<string, object?>("host", host));

    /// <summary>Two hosts define the same libvirt UUID; counted by the VMI when it sees the second.</summary>
    public static readonly Counter<long> IdentityConflicts =
        Meter.CreateCounter<long>("vmigrains.vmi.identity_conflicts", "{conflict}", "VMIs whose UUID a second host also defines");

    /// <summary>Sample timestamps ahead of the VMI's clock, taken as now (a sender's clock is fast).</summary>
    public static readonly Counter<long> ClampedTimestamps =
        Meter.CreateCounter<long>("vmigrains.samples.future_timestamps", "{sample}", "Samples stamped ahead of the VMI's clock, taken at the VMI's clock instead");

    /// <summary>VMI state writes that failed (tag <c>reason</c>: <c>conflict</c> for an etag conflict, <c>unavailable</c> otherwise).</summary>
    public static readonly Counter<long> StateWriteFailures =
        Meter.CreateCounter<long>("vmigrains.vmi.state_write_failures", "{write}", "VMI state writes the storage refused or failed");

    /// <summary>Records a failed VMI state write.</summary>
    public static void RecordStateWriteFailure(bool conflict) =>
        StateWriteFailures.Add(1, new KeyValuePair<string, object?>("reason", conflict ? "conflict" : "unavailable"));

    /// <summary>Records a conflict between the keeping <paramref name="host"/> and <paramref name="other"/>.</summary>
    public static void RecordIdentityConflict(string host, string other) =>
        IdentityConflicts.Add(1, new KeyValuePair<string, object?>("host", host), new KeyValuePair<string, object?>("other_host", other));

    /// <summary>Records a group of <paramref name="claims"/> committed together by <paramref name="host"/>.</summary>
    public static void RecordClaimGroup(string host, int claims) => ClaimGroupSize.Record(claims, new KeyValuePair<string, object?>("host", host));

    /// <summary>Records the reaction time to an event that happened at <paramref name="happened"/>; ignores clocks that disagree.</summary>
    public static void RecordReaction(DateTimeOffset happened, DateTimeOffset now)
    {
        var seconds = (now - happened).TotalSeconds;
        if (seconds >= 0)
        {
            ReactionDuration.Record(seconds);
        }
    }

    /// <summary>Records a libvirt call that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp()"/>).</summary>
    internal static void RecordLibvirt(string operation, long startTimestamp, bool ok) =>
        LibvirtDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error"));
}
