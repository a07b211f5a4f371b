namespace VmiGrains.Abstractions.Model;

/// <summary>One stored version of a profile.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ProfileVersionInfo")]
public sealed record ProfileVersionInfo(
    [property: Id(0)] string ProfileId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] bool Created);
