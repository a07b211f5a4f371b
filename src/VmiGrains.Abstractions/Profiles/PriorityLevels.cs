namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// The mapping between named levels, Linux nice values and Windows priority classes.
/// <code>
/// level         nice  Windows
/// idle           19   Idle
/// low            10   BelowNormal
/// below_normal    5   BelowNormal
/// normal          0   Normal
/// above_normal   -5   AboveNormal
/// high          -10   High
/// </code>
/// An explicit nice value maps to Windows by range: 15..19 Idle, 1..14 BelowNormal, 0 Normal,
/// -1..-9 AboveNormal, -10..-20 High.
/// </summary>
public static class PriorityLevels
{
    /// <summary>Lowest (most favourable) nice value.</summary>
    public const int MinNice = -20;

    /// <summary>Highest (least favourable) nice value.</summary>
    public const int MaxNice = 19;

    /// <summary>The JSON names of the levels, in order from least to most favoured.</summary>
    public static readonly IReadOnlyList<string> Names = ["idle", "low", "below_normal", "normal", "above_normal", "high"];

    /// <summary>The nice value of a named level.</summary>
    public static int NiceOf(PriorityLevel level) => level switch
    {
        PriorityLevel.Idle => 19,
        PriorityLevel.Low => 10,
        PriorityLevel.BelowNormal => 5,
        PriorityLevel.Normal => 0,
        PriorityLevel.AboveNormal => -5,
        PriorityLevel.High => -10,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown priority level"),
    };

    /// <summary>The JSON name of a level (<c>below_normal</c> for <see cref="PriorityLevel.BelowNormal"/>).</summary>
    public static string NameOf(PriorityLevel level) => Names[(int)level];

    /// <summary>Parses a JSON level name; <c>false</c> when it is not one of <see cref="Names"/>.</summary>
    public static bool TryParse(string? name, out PriorityLevel level)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                level = (PriorityLevel)i;
                return true;
            }
        }

        level = PriorityLevel.Normal;
        return false;
    }

    /// <summary>The Windows priority class for a nice value (see the table above).</summary>
    public static WindowsPriorityClass WindowsClassForNice(int nice) => nice switch
    {
        >= 15 => WindowsPriorityClass.Idle,
        >= 1 => WindowsPriorityClass.BelowNormal,
        0 => WindowsPriorityClass.Normal,
        >= -9 => WindowsPriorityClass.AboveNormal,
        _ => WindowsPriorityClass.High,
    };
}
