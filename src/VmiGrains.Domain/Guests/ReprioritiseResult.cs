namespace VmiGrains.Domain.Guests;

/// <summary>
/// The outcome of re-prioritising an application: the process ids whose priority was changed.
/// Empty when no process of that name runs (an expected outcome, not an error).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ReprioritiseResult")]
public sealed record ReprioritiseResult(
    [property: Id(0)] string App,
    [property: Id(1)] int Nice,
    [property: Id(2)] IReadOnlyList<long> Pids);
