namespace VmiGrains.Abstractions.Model;

/// <summary>One host's part of a wave: how many VMIs, how many switched, and the errors.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutHostView")]
public sealed record RolloutHostView(
    [property: Id(0)] string Host,
    [property: Id(1)] int Vmis,
    [property: Id(2)] int Switched,
    [property: Id(3)] IReadOnlyList<string> Errors);
