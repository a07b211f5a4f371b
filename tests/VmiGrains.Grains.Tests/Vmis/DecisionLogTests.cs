using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Tests.Vmis;

public sealed class DecisionLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static Decision Rebalance(int second, string before, string after) =>
        new(T0.AddSeconds(second), "allocation", "host rebalanced", $"host h rebalanced: VMI {second} attached", before, after);

    [Fact]
    public void Add_RebalancesInQuickSuccession_OneEntryWithFirstBeforeLastAfterAndCount()
    {
        var log = new List<Decision>();

        DecisionLog.Add(log, Rebalance(0, "cpu 50%", "cpu 33%"));
        DecisionLog.Add(log, Rebalance(3, "cpu 33%", "cpu 25%"));
        DecisionLog.Add(log, Rebalance(6, "cpu 25%", "cpu 20%"));

        var entry = Assert.Single(log);
        Assert.Equal("host rebalanced (3 times)", entry.What);
        Assert.Equal("cpu 50%", entry.Before);
        Assert.Equal("cpu 20%", entry.After);
        Assert.Equal(T0.AddSeconds(6), entry.Time);
        Assert.Equal("host h rebalanced: VMI 6 attached", entry.Reason);
    }

    [Fact]
    public void Add_RebalanceAfterTheWindowOrAfterAnotherKind_NewEntry()
    {
        var log = new List<Decision>();

        DecisionLog.Add(log, Rebalance(0, "a", "b"));
        DecisionLog.Add(log, Rebalance(11, "b", "c"));
        DecisionLog.Add(log, new Decision(T0.AddSeconds(12), "profile", "switched", "operator", null, null));
        DecisionLog.Add(log, Rebalance(13, "c", "d"));

        Assert.Equal(["host rebalanced", "host rebalanced", "switched", "host rebalanced"], log.Select(d => d.What));
    }

    [Fact]
    public void Add_OverCapacity_DropsTheOldest()
    {
        var log = new List<Decision>();

        for (var i = 0; i < DecisionLog.Capacity + 5; i++)
        {
            DecisionLog.Add(log, new Decision(T0.AddSeconds(i), "profile", $"switch {i}", "operator", null, null));
        }

        Assert.Equal(DecisionLog.Capacity, log.Count);
        Assert.Equal("switch 5", log[0].What);
    }
}
