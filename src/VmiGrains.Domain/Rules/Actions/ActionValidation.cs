namespace VmiGrains.Domain.Rules.Actions;

/// <summary>The outcome of validating one <see cref="RawAction"/>: an action or an error message.</summary>
/// <param name="Action">The validated action, or null.</param>
/// <param name="Error">What is wrong (names the action, the field, the value and the fix), or null.</param>
public sealed record ActionValidation(VmiAction? Action, string? Error)
{
    /// <summary>A success.</summary>
    public static ActionValidation Ok(VmiAction action) => new(action, null);

    /// <summary>A failure.</summary>
    public static ActionValidation Fail(string error) => new(null, error);
}
