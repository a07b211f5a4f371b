using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Samples go into the windows; each event runs the rules' <c>on_event</c>, at most
/// <see cref="VmiOptions.MaxEventEvaluationsPerTurn"/> per turn, in arrival order (see
/// <see cref="Domain.Telemetry.FeedbackLimits"/>): the rest wait in <see cref="_pendingEvents"/> and a
/// one-shot timer drains them in the next turns, so other calls (get, detach) are answered in between.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>Demand headroom over measured use, so a VMI can grow before the next rebalance.</summary>
    private const double Headroom = 1.25;

    /// <summary>Events received but not yet seen by the rules; in memory only (lost with the activation, like the windows since the last checkpoint).</summary>
    private readonly Queue<TelemetryEvent> _pendingEvents = new();

    private IGrainTimer? _drain;

    public async Task IngestAsync(FeedbackBatch batch)
    {
        _ = Registration;
        FeedbackMapping.Validate(batch, time.GetUtcNow());

        // The grain defends itself whatever the caller: refused whole before anything is ingested.
        var queued = _program is null ? (int?)null : _pendingEvents.Count;
        if (vmiOptions.Value.ToFeedbackLimits().Check(batch.Samples.Count, batch.Events.Count, queued, string.Empty, VmiOptions.SectionName) is { } tooMuch)
        {
            throw new InvalidRequestException(tooMuch);
        }

        await IngestCoreAsync(batch);
    }

    public Task IngestFromHostAsync(FeedbackBatch batch) =>
        state.State.Registration is null ? Task.CompletedTask : IngestCoreAsync(batch);

    private async Task IngestCoreAsync(FeedbackBatch batch)
    {
        var now = time.GetUtcNow();
        VmiGrainsMetrics.RecordFeedback(batch.Samples.Count, batch.Events.Count);
        foreach (var sample in batch.Samples)
        {
            _windows.Add(FeedbackMapping.ToSample(sample, now));
            _windowsDirty = true;
        }

        foreach (var e in batch.Events)
        {
            _pendingEvents.Enqueue(FeedbackMapping.ToEvent(e, now));
        }

        await EvaluateEventsAsync();
    }

    /// <summary>Runs <c>on_event</c> for the oldest waiting events, at most one turn's budget; schedules the next turn for the rest.</summary>
    private async Task EvaluateEventsAsync()
    {
        try
        {
            for (var budget = vmiOptions.Value.MaxEventEvaluationsPerTurn; _pendingEvents.Count > 0 && (_program is null || budget > 0); budget--)
            {
                var telemetryEvent = _pendingEvents.Dequeue();
                _events.Add(telemetryEvent);
                if (_program is not null)
                {
                    await ApplyRuleResultAsync(rules.EvaluateEvent(_program, Snapshot(), telemetryEvent), $"event {telemetryEvent.Name}");
                    VmiGrainsMetrics.RecordReaction(telemetryEvent.Timestamp, time.GetUtcNow());
                }
            }
        }
        finally
        {
            // Also when an action failed: the events behind it are still evaluated, in the next turn.
            if (_pendingEvents.Count > 0 && _drain is null)
            {
                _drain = this.RegisterGrainTimer(static (self, ct) => self.DrainEventsAsync(), this,
                    new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
            }
        }
    }

    private Task DrainEventsAsync()
    {
        _drain?.Dispose();
        _drain = null;
        return EvaluateEventsAsync();
    }

    /// <summary>
    /// Absolute demand per resource — CPUs, memory KiB, network KiB/s, storage KiB/s — from the EWMA
    /// of the default window with headroom; infinity where nothing was measured yet.
    /// </summary>
    private double[] Demand()
    {
        var r = state.State.Registration!;
        var s = _windows.Summarize(time.GetUtcNow()).Default;
        var cpu = s[Domain.Telemetry.MetricKind.Cpu];
        var mem = s[Domain.Telemetry.MetricKind.Mem];
        var rx = s[Domain.Telemetry.MetricKind.NetRx];
        var tx = s[Domain.Telemetry.MetricKind.NetTx];
        var rd = s[Domain.Telemetry.MetricKind.IoRead];
        var wr = s[Domain.Telemetry.MetricKind.IoWrite];
        return
        [
            cpu.Samples > 0 ? cpu.Ewma * r.Vcpus * Headroom : double.PositiveInfinity,
            mem.Samples > 0 ? mem.Ewma * r.MaxMemoryKiB * Headroom : double.PositiveInfinity,
            rx.Samples + tx.Samples > 0 ? (Finite(rx.Ewma) + Finite(tx.Ewma)) / 1024 * Headroom : double.PositiveInfinity,
            rd.Samples + wr.Samples > 0 ? (Finite(rd.Ewma) + Finite(wr.Ewma)) / 1024 * Headroom : double.PositiveInfinity,
        ];
    }

    /// <summary>True when demand moved enough (10 %, or known ↔ unknown) to be worth telling the host.</summary>
    private bool DemandChanged(double[] demand)
    {
        if (_lastDemand is null)
        {
            return true;
        }

        for (var i = 0; i < demand.Length; i++)
        {
            var (a, b) = (_lastDemand[i], demand[i]);
            if (double.IsInfinity(a) != double.IsInfinity(b) || (double.IsFinite(a) && Math.Abs(a - b) > 0.10 * Math.Max(Math.Abs(a), 1e-9)))
            {
                return true;
            }
        }

        return false;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
