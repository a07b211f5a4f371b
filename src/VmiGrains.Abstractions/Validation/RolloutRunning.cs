namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// The one wording of "a rollout holds this profile" (a second rollout, a profile delete), written by the
/// grains and recognised by the REST layer to answer 409 instead of 400.
/// </summary>
public static class RolloutRunning
{
    private const string Prefix = "rollout ";
    private const string Suffix = " of this profile is still running";

    /// <summary>The error message for <paramref name="rolloutId"/>.</summary>
    public static string Message(string rolloutId) => $"{Prefix}{rolloutId}{Suffix}";

    /// <summary>The rollout an error of <see cref="Message"/> names, or null for any other error.</summary>
    public static string? RolloutOf(ValidationError error) =>
        error is { Message: var m } && m.StartsWith(Prefix, StringComparison.Ordinal) && m.EndsWith(Suffix, StringComparison.Ordinal) && m.Length > Prefix.Length + Suffix.Length
            ? m[Prefix.Length..^Suffix.Length]
            : null;
}
