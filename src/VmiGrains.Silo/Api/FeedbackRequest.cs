using VmiGrains.Abstractions.Model;

namespace VmiGrains.Silo.Api;

/// <summary>Body of <c>POST /api/v1/vms/{vmi}/feedback</c>: samples and/or events, delivered to the VMI in one call.</summary>
public sealed class FeedbackRequest
{
    /// <summary>Telemetry samples (<c>cpu</c>, <c>mem</c> 0–1; <c>net_rx</c>, <c>net_tx</c>, <c>io_read</c>, <c>io_write</c> bytes/s).</summary>
    public IReadOnlyList<FeedbackSample> Samples { get; init; } = [];

    /// <summary>Named events such as <c>login</c>; each runs the rules' <c>on_event</c> at once.</summary>
    public IReadOnlyList<FeedbackEventRequest> Events { get; init; } = [];
}
