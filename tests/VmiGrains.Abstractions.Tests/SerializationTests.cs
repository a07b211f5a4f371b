using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Abstractions.Tests;

/// <summary>
/// Every type that crosses a grain boundary must have a generated codec: a missing one only fails
/// at run time (CodecNotFoundException), so round-trip each through Orleans' own serializer.
/// </summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static ProfileDocument Sample { get; } = new()
    {
        Id = "render",
        Name = "Rendering",
        Description = "d",
        ResourceWeights = new ResourceVector(0.4, 0.3, 0.2, 0.1),
        ApplicationPriorities = [new ApplicationPriority("blender", PriorityLevel.High, -10), new ApplicationPriority("x", null, 7)],
        BehavioralRules = [new RuleScript("burst", "function on_tick(vmi) end")],
        NetworkPolicy = new NetworkPolicy(PolicyDefault.Deny, [new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(1000, 2000), "10.0.0.0/8", RuleAction.Reject, "curl")]),
        EvaluationInterval = TimeSpan.FromMilliseconds(500),
        Labels = new Dictionary<string, string> { ["team"] = "render" },
        AllowedPrograms = ["/usr/bin/blender"],
    };

    [Fact]
    public void ProfileDocument_RoundTrips_Equal()
    {
        var copy = Serializer.Deserialize<ProfileDocument>(Serializer.SerializeToArray(Sample));

        Assert.Equal(Sample, copy);
        Assert.NotSame(Sample, copy);
    }

    [Fact]
    public void ProfileDocument_DifferentRules_AreNotEqual()
    {
        var other = Sample with { BehavioralRules = [new RuleScript("burst", "function on_tick(vmi) return end")] };

        Assert.NotEqual(Sample, other);
    }

    [Fact]
    public void ProfileValidationException_RoundTrips_WithEveryError()
    {
        var errors = new[]
        {
            new ValidationError("$.id", "must be a slug", "\"Bad\"", "use e.g. \"bad\""),
            new ValidationError("$.name", "is required", null, "add \"name\""),
        };

        var copy = Serializer.Deserialize<ProfileValidationException>(Serializer.SerializeToArray(new ProfileValidationException(errors)));

        Assert.NotNull(copy);
        Assert.Equal(errors, copy.Errors);
        Assert.Contains("$.id: must be a slug (got \"Bad\"); use e.g. \"bad\"", copy.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PriorityLevel.Idle, 19, WindowsPriorityClass.Idle)]
    [InlineData(PriorityLevel.Low, 10, WindowsPriorityClass.BelowNormal)]
    [InlineData(PriorityLevel.BelowNormal, 5, WindowsPriorityClass.BelowNormal)]
    [InlineData(PriorityLevel.Normal, 0, WindowsPriorityClass.Normal)]
    [InlineData(PriorityLevel.AboveNormal, -5, WindowsPriorityClass.AboveNormal)]
    [InlineData(PriorityLevel.High, -10, WindowsPriorityClass.High)]
    public void PriorityLevels_MapToDocumentedNiceAndWindowsClass(PriorityLevel level, int nice, WindowsPriorityClass windows)
    {
        Assert.Equal(nice, PriorityLevels.NiceOf(level));
        Assert.Equal(windows, PriorityLevels.WindowsClassForNice(nice));
        Assert.True(PriorityLevels.TryParse(PriorityLevels.NameOf(level), out var parsed));
        Assert.Equal(level, parsed);
    }

    [Theory]
    [InlineData(-20, WindowsPriorityClass.High)]
    [InlineData(-9, WindowsPriorityClass.AboveNormal)]
    [InlineData(1, WindowsPriorityClass.BelowNormal)]
    [InlineData(14, WindowsPriorityClass.BelowNormal)]
    [InlineData(15, WindowsPriorityClass.Idle)]
    public void WindowsClassForNice_RangeEdges(int nice, WindowsPriorityClass expected) =>
        Assert.Equal(expected, PriorityLevels.WindowsClassForNice(nice));
}
