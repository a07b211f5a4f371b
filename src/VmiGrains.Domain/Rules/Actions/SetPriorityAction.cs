namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Change the priority of an application inside the guest.</summary>
/// <param name="App">The application name as the profile's application_priorities name it.</param>
/// <param name="Nice">The Linux nice value, -20..19 (named levels are converted with <c>PriorityLevels</c>).</param>
/// <param name="LevelName">The named level when the rule used one (e.g. <c>high</c>), else null.</param>
public sealed record SetPriorityAction(string App, int Nice, string? LevelName) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.SetPriority;

    /// <inheritdoc/>
    public override string Describe() => $"set_priority({App}, {LevelName ?? Nice.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
