namespace VmiGrains.Domain.Rules.Actions;

/// <summary>
/// An action a rule asked for, as validated data. The grain decides how to apply it; Lua never
/// touches the host. <see cref="Kind"/> is the helper's name (<c>switch_profile</c>, ...).
/// </summary>
public abstract record VmiAction
{
    /// <summary>The rule-side name of the action, one of <see cref="ActionKinds"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>A short human-readable form for traces and decision logs.</summary>
    public abstract string Describe();
}
