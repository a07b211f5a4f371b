namespace VmiGrains.Abstractions.Model;

/// <summary>A row of <c>vmi profile list</c>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ProfileSummary")]
public sealed record ProfileSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int LatestVersion,
    [property: Id(3)] int AttachedVmis);
