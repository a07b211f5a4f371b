using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Allocation;
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
    /// <summary>Events received but not yet seen by the rules; in memory only (lost with the activation, like the windows since the last checkpoint).</summary>
    private readonly Queue<TelemetryEvent> _pendingEvents = new();

    private IGrainTimer? _drain;

    public async Task IngestAsync(FeedbackBatch batch)
    {
        _ = Registration;
        FeedbackMapping.Validate(batch, time.GetUtcNow());

        // The grain defends itself whatever the caller: refused whole before anything is ingested.
        var queued = Session.Program is null ? (int?)null : _pendingEvents.Count;
        if (vmiOptions.Value.ToFeedbackLimits().Check(batch.Samples.Count, batch.Events.Count, queued, string.Empty, VmiOptions.SectionName) is { } tooMuch)
        {
            throw new InvalidRequestException(tooMuch);
        }

        await IngestCoreAsync(batch);
    }

    public async Task IngestFromHostAsync(FeedbackBatch batch)
    {
        if (state.State.Registration is null)
        {
            return;
        }

        await IngestCoreAsync(batch);
        if (batch.Samples.Count > 0)
        {
            await OnHostSampleAsync();
        }
    }

    private async Task IngestCoreAsync(FeedbackBatch batch)
    {
        var now = time.GetUtcNow();
        VmiGrainsMetrics.RecordFeedback(batch.Samples.Count, batch.Events.Count);
        foreach (var sample in batch.Samples)
        {
            Session.AddSample(FeedbackMapping.ToSample(sample, now));
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
            for (var budget = vmiOptions.Value.MaxEventEvaluationsPerTurn; _pendingEvents.Count > 0 && (Session.Program is null || budget > 0); budget--)
            {
                var telemetryEvent = _pendingEvents.Dequeue();
                if (Session.Event(telemetryEvent, time.GetUtcNow()) is { } outcome)
                {
                    await ApplyRuleResultAsync(outcome, $"event {telemetryEvent.Name}");
                    VmiGrainsMetrics.RecordReaction(telemetryEvent.Timestamp, time.GetUtcNow());
                }
            }
        }
        finally
        {
            // Also when an action failed: the events behind it are still evaluated, in the next turn.
            if (_pendingEvents.Count > 0)
            {
                ScheduleDrain();
            }
        }
    }

    /// <summary>A one-shot, non-interleaved turn that evaluates waiting events (and records the observers' notes).</summary>
    private void ScheduleDrain() => _drain ??= this.RegisterGrainTimer(static (self, ct) => self.DrainEventsAsync(), this,
        new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });

    private async Task DrainEventsAsync()
    {
        _drain?.Dispose();
        _drain = null;
        await RecordObserverNotesAsync();
        await EvaluateEventsAsync();
    }

    /// <summary>Measured use per resource in absolute units (see <see cref="DemandEstimate"/>); the host's policy adds margin and probes.</summary>
    private ResourceVector Demand()
    {
        var r = state.State.Registration!;
        return DemandEstimate.From(Session.Windows.Summarize(time.GetUtcNow()).Default, r.Vcpus, r.MaxMemoryKiB);
    }

    private bool DemandChanged(ResourceVector demand) => DemandEstimate.Changed(_lastDemand, demand);
}
