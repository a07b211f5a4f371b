namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Switch the VMI to another profile.</summary>
/// <param name="ProfileId">The target profile's slug.</param>
public sealed record SwitchProfileAction(string ProfileId) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.SwitchProfile;

    /// <inheritdoc/>
    public override string Describe() => $"switch_profile({ProfileId})";
}
