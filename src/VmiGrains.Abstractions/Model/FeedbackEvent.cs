namespace VmiGrains.Abstractions.Model;

/// <summary>A named event (<c>login</c>, <c>app_start</c>, <c>deploy</c>…) with string fields.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.FeedbackEvent")]
public sealed record FeedbackEvent(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, string> Fields,
    [property: Id(2)] DateTimeOffset? Timestamp);
