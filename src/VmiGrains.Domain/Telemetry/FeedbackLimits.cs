using System.Globalization;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// How much work one feedback batch may cause a VMI. Rule: a batch carries at most
/// <see cref="MaxSamplesPerBatch"/> samples and <see cref="MaxEventsPerBatch"/> events, or it is refused
/// whole and nothing of it is ingested. Each grain turn runs the rules' <c>on_event</c> for at most
/// <see cref="MaxEventEvaluationsPerTurn"/> events, in arrival order; later events wait in a queue that
/// the VMI's next turns drain, and a batch that would leave more than <see cref="MaxQueuedEvents"/>
/// waiting is refused whole. So one request costs at most one turn of evaluations, and a VMI's backlog
/// is bounded whatever its callers send.
/// </summary>
/// <param name="MaxSamplesPerBatch">Most samples in one batch.</param>
/// <param name="MaxEventsPerBatch">Most events in one batch.</param>
/// <param name="MaxEventEvaluationsPerTurn">Most <c>on_event</c> evaluations in one grain turn.</param>
/// <param name="MaxQueuedEvents">Most events waiting for <c>on_event</c> after a turn.</param>
public sealed record FeedbackLimits(int MaxSamplesPerBatch, int MaxEventsPerBatch, int MaxEventEvaluationsPerTurn, int MaxQueuedEvents)
{
    /// <summary>
    /// The error for a batch of <paramref name="samples"/> and <paramref name="events"/> sent while
    /// <paramref name="queued"/> events wait for <c>on_event</c> (null when the VMI has no rules, so
    /// nothing waits, or when the caller cannot know), or null when it fits.
    /// <paramref name="path"/> prefixes field names (<c>$.</c> in the REST API) and <paramref name="setting"/>
    /// names the configuration section that holds the limits.
    /// </summary>
    public ValidationError? Check(int samples, int events, int? queued, string path, string setting)
    {
        if (samples > MaxSamplesPerBatch)
        {
            return new ValidationError($"{path}samples", $"has {Count(samples)} samples; the limit per request is {Count(MaxSamplesPerBatch)}",
                Count(samples), $"send at most {Count(MaxSamplesPerBatch)} samples per request (split the batch), or raise {setting}:MaxSamplesPerBatch");
        }

        if (events > MaxEventsPerBatch)
        {
            return new ValidationError($"{path}events", $"has {Count(events)} events; the limit per request is {Count(MaxEventsPerBatch)}",
                Count(events), $"send at most {Count(MaxEventsPerBatch)} events per request (split the batch), or raise {setting}:MaxEventsPerBatch");
        }

        if (queued is not { } already)
        {
            return null;
        }

        var waiting = Waiting(already, events);
        if (waiting > MaxQueuedEvents)
        {
            return new ValidationError($"{path}events", $"would leave {Count(waiting)} events waiting for on_event ({Count(already)} already queued); the limit is {Count(MaxQueuedEvents)}",
                Count(events), $"retry in a moment, when the VMI has evaluated its backlog, or send fewer events; the limit is {setting}:MaxQueuedEvents");
        }

        return null;
    }

    /// <summary>Events still waiting after a turn that starts with <paramref name="queued"/> waiting and adds <paramref name="events"/>.</summary>
    public int Waiting(int queued, int events) => Math.Max(0, queued + events - MaxEventEvaluationsPerTurn);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
