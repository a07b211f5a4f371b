namespace VmiGrains.Abstractions.Model;

/// <summary>One event on a VMI's event stream, as <c>vmi vm events</c> and <c>GET /api/v1/vmis/{id}/events</c> show it.</summary>
/// <param name="Sequence">Its number on this activation's stream (1, 2, …); ask for <c>after</c> the last one seen to follow.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Name">e.g. <c>login</c>, <c>app_start</c>.</param>
/// <param name="Source"><c>pushed</c>, <c>replay</c>, <c>run</c>, <c>observer:users</c>, <c>observer:applications</c> or <c>observer:syscalls</c>.</param>
/// <param name="Fields">Its fields as text.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiEvent")]
public sealed record VmiEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] string Name,
    [property: Id(3)] string Source,
    [property: Id(4)] IReadOnlyDictionary<string, string> Fields);
