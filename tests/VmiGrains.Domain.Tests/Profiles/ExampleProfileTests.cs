using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

/// <summary>The shipped examples are valid, and parse → serialize → parse gives the same profile.</summary>
public sealed class ExampleProfileTests
{
    public static IReadOnlyList<string> ExampleFiles { get; } =
        [.. Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static readonly HashSet<string> ExampleIds = [.. ExampleFiles.Select(f => Path.GetFileNameWithoutExtension(f))];

    public static TheoryData<string> Examples() => [.. ExampleFiles];

    [Fact]
    public void Examples_CoverEverySeedUseCase()
    {
        // xunit's Superset(expected, actual) checks that actual holds all of expected: more examples may come.
        Assert.Superset(new HashSet<string>
        {
            "high-performance-rendering", "security-audit", "minimal-footprint", "ml-training",
            "video-encoding", "ux-personalization", "degraded-network",
        }, ExampleIds);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_IsValidAndNamedAfterItsId(string file)
    {
        var profile = ProfileParser.Parse(File.ReadAllText(RepoPaths.Of("examples", "profiles", file)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), profile.Id);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTripsThroughTheCanonicalForm(string file)
    {
        var first = ProfileParser.Parse(File.ReadAllText(RepoPaths.Of("examples", "profiles", file)));

        var text = ProfileSerializer.Serialize(first);
        var second = ProfileParser.Parse(text);

        Assert.Equal(first, second);
        Assert.Equal(text, ProfileSerializer.Serialize(second));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_SwitchesOnlyToProfilesThatExist(string file)
    {
        var profile = ProfileParser.Parse(File.ReadAllText(RepoPaths.Of("examples", "profiles", file)));

        foreach (var rule in profile.BehavioralRules)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(rule.Source, "switch_profile\\([\"']([^\"']+)[\"']\\)"))
            {
                Assert.Contains(m.Groups[1].Value, ExampleIds);
            }
        }
    }
}
