namespace VmiGrains.Domain.Guests;

/// <summary>Creates <see cref="GuestAgentResult{T}"/> values.</summary>
public static class GuestAgentResult
{
    /// <summary>A successful result.</summary>
    public static GuestAgentResult<T> Success<T>(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static GuestAgentResult<T> Failure<T>(GuestAgentError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, error);
    }

    /// <summary>A failed result of <paramref name="kind"/> with <paramref name="message"/>.</summary>
    public static GuestAgentResult<T> Failure<T>(GuestAgentErrorKind kind, string message) => Failure<T>(new GuestAgentError(kind, message));
}
