namespace VmiGrains.Abstractions.Model;

/// <summary>
/// One change the system made, and why: the answer to "why did this VM lose CPU at 10:32?".
/// <see cref="Kind"/> is e.g. <c>profile</c>, <c>allocation</c>, <c>override</c>, <c>undo</c>,
/// <c>shaping</c>, <c>priority</c>, <c>emit</c>, <c>rule-error</c>; <see cref="Reason"/> names the rule
/// (<c>rule render_burst of ux-personalization v2</c>) or the request (<c>operator</c>).
/// <see cref="Caller"/> is who asked: <c>token NAME</c> (REST), <c>gateway client …</c>, <c>rule NAME</c>,
/// <c>host NAME</c>, or <c>cluster</c> (timers, expiry); null in decisions recorded before it existed.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.Decision")]
public sealed record Decision(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Kind,
    [property: Id(2)] string What,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? Before,
    [property: Id(5)] string? After,
    [property: Id(6)] string? Caller = null);
