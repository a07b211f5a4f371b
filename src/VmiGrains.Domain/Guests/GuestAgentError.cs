using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// A failed guest-agent call: what kind of failure, a message that names the value and the fix,
/// the QGA error class and description when the agent sent one, and the argument errors when the
/// request was refused before it was sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestAgentError")]
public sealed record GuestAgentError(
    [property: Id(0)] GuestAgentErrorKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string? ErrorClass = null,
    [property: Id(3)] string? ErrorDescription = null)
{
    /// <summary>For <see cref="GuestAgentErrorKind.InvalidArgument"/>: every problem found, not only the first.</summary>
    [Id(4)]
    public IReadOnlyList<ValidationError> ArgumentErrors { get; init; } = [];

    /// <summary>An <see cref="GuestAgentErrorKind.InvalidArgument"/> error listing <paramref name="errors"/>.</summary>
    public static GuestAgentError Invalid(IReadOnlyList<ValidationError> errors) =>
        new(GuestAgentErrorKind.InvalidArgument, string.Join("; ", errors)) { ArgumentErrors = errors };

    /// <summary><c>Kind: message</c>.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}
