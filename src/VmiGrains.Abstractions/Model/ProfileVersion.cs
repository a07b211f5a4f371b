using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Abstractions.Model;

/// <summary>A profile document with its version number.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ProfileVersion")]
public sealed record ProfileVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] ProfileDocument Document);
