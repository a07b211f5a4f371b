using VmiGrains.Domain.Labels;

namespace VmiGrains.Domain.Tests.Labels;

public sealed class VmiLabelsTests
{
    [Fact]
    public void From_KeepsValidLabels_DropsBadOnesAndThoseOverTheLimit_SayingWhy()
    {
        var pairs = new List<(string?, string)> { ("tier", "web"), (null, "x"), ("env", "a\u0001b"), ("tier", "db") };
        pairs.AddRange(Enumerable.Range(0, 64).Select(i => ((string?)$"k{i}", "v")));

        var labels = VmiLabels.From(pairs, out var dropped);

        Assert.Equal(64, labels!.Count);
        Assert.Equal("web", labels["tier"]);
        Assert.Equal("label '': label keys are 1-63 letters, digits, '.', '_', '/' or '-'", dropped[0]);
        Assert.Equal("label 'env': the value has control characters or more than 256 characters", dropped[1]);
        Assert.Equal("label 'tier': given twice; the first is kept", dropped[2]);
        Assert.Equal("label 'k63': more than 64 labels", Assert.Single(dropped.Skip(3)));
    }

    [Fact]
    public void From_Nothing_IsNull()
    {
        Assert.Null(VmiLabels.From([], out var dropped));
        Assert.Empty(dropped);
    }
}
