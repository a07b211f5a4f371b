using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

public sealed class DetachPlanTests
{
    [Fact]
    public void ByHost_VmisOfSeveralHosts_GroupedPerHostInOrderWithoutDuplicates()
    {
        var plan = DetachPlan.ByHost([("v3", "h2"), ("v1", "h1"), ("v2", "h2"), ("v0", "h1"), ("v1", "h1")]);

        Assert.Equal([["v0", "v1"], ["v2", "v3"]], plan);
    }

    [Fact]
    public void ByHost_None_Empty()
    {
        Assert.Empty(DetachPlan.ByHost([]));
    }
}
