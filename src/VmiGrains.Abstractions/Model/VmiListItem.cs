namespace VmiGrains.Abstractions.Model;

/// <summary>A row of <c>vmi vm list</c>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiListItem")]
public sealed record VmiListItem(
    [property: Id(0)] string VmiId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Host,
    [property: Id(3)] string? ProfileId,
    [property: Id(4)] int? ProfileVersion);
