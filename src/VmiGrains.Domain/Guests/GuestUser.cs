namespace VmiGrains.Domain.Guests;

/// <summary>A user logged in to the guest, as <c>guest-get-users</c> reports it (one entry per user, the earliest session's time).</summary>
/// <param name="Name">The user name.</param>
/// <param name="Domain">The Windows domain; <c>null</c> on Linux.</param>
/// <param name="LoginTime">When the user's first open session began.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestUser")]
public sealed record GuestUser(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Domain,
    [property: Id(2)] DateTimeOffset LoginTime);
