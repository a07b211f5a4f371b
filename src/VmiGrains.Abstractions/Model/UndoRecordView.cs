namespace VmiGrains.Abstractions.Model;

/// <summary>A temporary change and when it will be undone.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.UndoRecordView")]
public sealed record UndoRecordView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset? ExpiresAt);
