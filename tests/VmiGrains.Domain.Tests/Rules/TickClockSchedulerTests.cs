using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Tests.RuleTicks;

/// <summary>The grain's clock driven by the silo's scheduler (<see cref="TickClock.OnDue"/>) instead of a timer of its own.</summary>
public sealed class TickClockSchedulerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void OnDue_TurnSentBeforeASampleTickRephasedTheTimer_IsDropped()
    {
        var clock = new TickClock(Second, TimeSpan.Zero);
        Assert.True(clock.OnSample(Ms(990)));
        clock.Ticked(Ms(990)); // re-phased: the timer moves to 990 ms + interval + tolerance

        Assert.Equal(TimerTurn.Stale, clock.OnDue(Second, Ms(2_000), Ms(1_000))); // the scheduler's 1 s turn, already sent
        Assert.Equal(Ms(990) + TickSchedule.FallbackDue(Second), clock.NextTimer);
        Assert.Equal(TimerTurn.Tick, clock.OnDue(clock.NextTimer, clock.NextTimer + Second, clock.NextTimer));
    }

    [Fact]
    public void OnDue_TurnOneSlotLate_TicksAndTheNextDriftIsZero()
    {
        var clock = new TickClock(Second, TimeSpan.Zero);
        Assert.Equal(TimerTurn.Tick, clock.OnDue(Second, Ms(2_000), Ms(1_080)));
        Assert.Equal(Ms(80), clock.Ticked(Ms(1_080)).Drift);

        // Fixed rate: the next turn is due at 2 s, not 2.08 s; a constant lateness is no drift.
        Assert.Equal(Ms(2_000), clock.NextTimer);
        Assert.Equal(TimerTurn.Tick, clock.OnDue(Ms(2_000), Ms(3_000), Ms(2_080)));
        Assert.Equal(TimeSpan.Zero, clock.Ticked(Ms(2_080)).Drift);
    }

    /// <summary>
    /// The race CI found (two ticks 0.49 s apart at a 1 s interval): a turn delivered late by a busy silo
    /// ticked, and the next, on time by the fixed rate, ticked again right after it.
    /// </summary>
    [Fact]
    public void OnDue_TurnAfterALateOne_TooSoon_IsMovedToOneIntervalAfterTheLateTick()
    {
        var clock = new TickClock(Second, TimeSpan.Zero);
        Assert.Equal(TimerTurn.Tick, clock.OnDue(Second, Ms(2_000), Ms(1_510)));
        clock.Ticked(Ms(1_510));

        Assert.Equal(TimerTurn.Moved, clock.OnDue(Ms(2_000), Ms(3_000), Ms(2_000)));
        Assert.Equal(Ms(2_510), clock.NextTimer);
        Assert.Equal(TimerTurn.Stale, clock.OnDue(Ms(2_000), Ms(3_000), Ms(2_010))); // the same turn again (a retry) changes nothing
        Assert.Equal(TimerTurn.Tick, clock.OnDue(Ms(2_510), Ms(3_510), Ms(2_520)));
        Assert.Equal(Ms(10), clock.Ticked(Ms(2_520)).Drift);
        Assert.Equal(Ms(3_510), clock.NextTimer);
    }

    [Fact]
    public void FirstTimer_EarlierThanOneInterval_DriftCountsFromIt_AndASampleMayTickFromItsTolerance()
    {
        var clock = new TickClock(Second, Ms(10_000), Ms(300));
        Assert.Equal(Ms(10_300), clock.NextTimer);
        Assert.False(clock.OnSample(Ms(10_040))); // 740 ms after the virtual last tick: before interval − tolerance
        Assert.True(clock.OnSample(Ms(10_050)));

        var timerOnly = new TickClock(Second, Ms(10_000), Ms(300));
        Assert.Equal(TimerTurn.Tick, timerOnly.OnDue(Ms(10_300), Ms(11_300), Ms(10_320)));
        Assert.Equal(Ms(20), timerOnly.Ticked(Ms(10_320)).Drift);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(3_600_000)]
    public void FirstTimer_WithinOneInterval_StableAndSpread(int intervalMs)
    {
        var interval = Ms(intervalMs);
        var phases = Enumerable.Range(0, 4_000).Select(i => TickSchedule.FirstTimer($"c0000000-0000-4000-0001-{i:x12}", interval)).ToList();

        Assert.All(phases, p => Assert.InRange(p, interval / 1024, interval));
        Assert.Equal(phases[7], TickSchedule.FirstTimer("c0000000-0000-4000-0001-000000000007", interval));
        var quarters = phases.GroupBy(p => (int)(p / interval * 4 - 1e-9)).Select(g => g.Count()).ToList();
        Assert.Equal(4, quarters.Count);
        Assert.All(quarters, n => Assert.InRange(n, 850, 1_150));
    }

    [Fact]
    public void NextTimer_FixedRate_SkipsMissedPeriods()
    {
        Assert.Equal(Ms(2_000), TickSchedule.NextTimer(Second, Second, Ms(1_090)));
        Assert.Equal(Ms(4_500), TickSchedule.NextTimer(Second, Second, Ms(3_500)));
    }
}
