namespace VmiGrains.Abstractions.Model;

/// <summary>The outcome of attaching a profile: what is attached now and whether anything changed.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ApplyResult")]
public sealed record ApplyResult(
    [property: Id(0)] string VmiId,
    [property: Id(1)] string ProfileId,
    [property: Id(2)] int Version,
    [property: Id(3)] bool Changed,
    [property: Id(4)] Allocation? Allocation);
