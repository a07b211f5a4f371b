using VmiGrains.Domain.Undo;

namespace VmiGrains.Domain.Tests.Undo;

public sealed class UndoSweepTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    [Fact]
    public void Due_ExpiriesAtOrBeforeNow_EarliestFirst_LaterOnesWait()
    {
        var schedule = new Dictionary<string, DateTimeOffset> { ["b"] = T0, ["a"] = T0.AddSeconds(-3), ["c"] = T0.AddSeconds(1) };

        Assert.Equal(["a", "b"], new UndoSweep(Retry).Due(schedule, T0));
    }

    [Fact]
    public void Due_StillDueAfterWaking_WokenAgainOnlyAfterRetry()
    {
        var sweep = new UndoSweep(Retry);
        var schedule = new Dictionary<string, DateTimeOffset> { ["a"] = T0 };

        Assert.Equal(["a"], sweep.Due(schedule, T0));
        Assert.Empty(sweep.Due(schedule, T0.AddSeconds(1)));
        Assert.Empty(sweep.Due(schedule, T0.AddSeconds(4.9)));
        Assert.Equal(["a"], sweep.Due(schedule, T0.AddSeconds(5)));
    }

    [Fact]
    public void Due_VmiReportedANewExpiry_WokenAtOnceWhenThatComes()
    {
        var sweep = new UndoSweep(Retry);
        var schedule = new Dictionary<string, DateTimeOffset> { ["a"] = T0 };
        Assert.Equal(["a"], sweep.Due(schedule, T0));

        sweep.Reported("a");
        schedule["a"] = T0.AddSeconds(1);

        Assert.Equal(["a"], sweep.Due(schedule, T0.AddSeconds(1)));
    }

    [Fact]
    public void Due_VmiLeftTheSchedule_ForgottenSoItsNextExpiryIsNotHeldBack()
    {
        var sweep = new UndoSweep(Retry);
        var schedule = new Dictionary<string, DateTimeOffset> { ["a"] = T0 };
        Assert.Equal(["a"], sweep.Due(schedule, T0));

        schedule.Clear();
        Assert.Empty(sweep.Due(schedule, T0.AddSeconds(1)));
        schedule["a"] = T0.AddSeconds(2);

        Assert.Equal(["a"], sweep.Due(schedule, T0.AddSeconds(2)));
    }
}
