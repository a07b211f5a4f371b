namespace VmiGrains.Domain.Guests;

/// <summary>A running process of an observed application.</summary>
/// <param name="Pid">The guest's process id.</param>
/// <param name="App">The observed application's entry it matched (a name or a path, as the profile lists it).</param>
/// <param name="Uid">The process's real user id.</param>
/// <param name="User">The user name for <paramref name="Uid"/> from the guest's <c>/etc/passwd</c>, or the uid as text.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestProcess")]
public sealed record GuestProcess(
    [property: Id(0)] long Pid,
    [property: Id(1)] string App,
    [property: Id(2)] long Uid,
    [property: Id(3)] string User);
