namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// The priority an application runs at inside the guest. <see cref="Level"/> is the named level
/// the document used, or <c>null</c> when it gave an explicit nice value.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ApplicationPriority")]
public sealed record ApplicationPriority(
    [property: Id(0)] string App,
    [property: Id(1)] PriorityLevel? Level,
    [property: Id(2)] int Nice)
{
    /// <summary>The Windows priority class this priority maps to.</summary>
    public WindowsPriorityClass WindowsClass => PriorityLevels.WindowsClassForNice(Nice);
}
