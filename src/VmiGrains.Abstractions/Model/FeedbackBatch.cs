namespace VmiGrains.Abstractions.Model;

/// <summary>Samples and events for one VMI, delivered in one call.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.FeedbackBatch")]
public sealed record FeedbackBatch(
    [property: Id(0)] IReadOnlyList<FeedbackSample> Samples,
    [property: Id(1)] IReadOnlyList<FeedbackEvent> Events);
