using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Labels;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class RolloutSelectionTests
{
    private static readonly VmiListItem[] OnProfile =
    [
        new("1", "web-01", "host-a", "p", 1, new Dictionary<string, string> { ["tier"] = "web" }),
        new("2", "web-02", "host-a", "p", 2, new Dictionary<string, string> { ["tier"] = "web" }),
        new("3", "db-01", "host-b", "p", 1, new Dictionary<string, string> { ["tier"] = "db" }),
        new("4", "ci-01", "host-c", "p", null),
    ];

    [Fact]
    public void Of_EveryHost_MovesThoseNotOnTheTarget_CountsFromVersions()
    {
        var s = RolloutSelection.Of(OnProfile, [], 2);

        Assert.Equal(4, s.Selected.Count);
        Assert.Equal(["1", "3", "4"], s.Moving.Select(v => v.VmiId));
        Assert.Equal(["v: 1", "v1: 2", "v2: 1"], s.FromVersions);
        Assert.Equal([new RolloutTarget("1", "host-a"), new RolloutTarget("3", "host-b"), new RolloutTarget("4", "host-c")], s.Targets);
    }

    [Fact]
    public void Of_Selector_OnlyVmisWhoseLabelsMatch_AndWithHostsBothHold()
    {
        var web = RolloutSelection.Of(OnProfile, [], 2, LabelSelector.Parse("tier=web", "selector"));
        var notWeb = RolloutSelection.Of(OnProfile, [], 2, LabelSelector.Parse("tier!=web", "selector"));
        var webOnB = RolloutSelection.Of(OnProfile, ["host-b"], 2, LabelSelector.Parse("tier=web", "selector"));

        Assert.Equal(["1", "2"], web.Selected.Select(v => v.VmiId));
        Assert.Equal(["1"], web.Moving.Select(v => v.VmiId));
        Assert.Equal(["3", "4"], notWeb.Selected.Select(v => v.VmiId)); // no label is "not web" too
        Assert.Empty(webOnB.Selected);
    }

    [Fact]
    public void Of_NamedHosts_OnlyTheirVmis()
    {
        var s = RolloutSelection.Of(OnProfile, ["host-a"], 2);

        Assert.Equal(["1", "2"], s.Selected.Select(v => v.VmiId));
        Assert.Equal(["1"], s.Moving.Select(v => v.VmiId));
    }
}
