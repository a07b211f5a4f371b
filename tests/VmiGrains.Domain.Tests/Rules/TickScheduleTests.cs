using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Tests.RuleTicks;

public sealed class TickScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(1000, 250)]
    [InlineData(5000, 250)]
    [InlineData(400, 100)]
    [InlineData(100, 25)]
    public void Tolerance_IsAQuarterOfTheInterval_AtMost250Ms(int intervalMs, int toleranceMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(toleranceMs), TickSchedule.Tolerance(TimeSpan.FromMilliseconds(intervalMs)));

    [Theory]
    [InlineData(700, false)]
    [InlineData(749, false)]
    [InlineData(750, true)]
    [InlineData(1300, true)]
    public void DueOnSample_FromIntervalMinusTolerance(int sinceMs, bool due) =>
        Assert.Equal(due, TickSchedule.DueOnSample(TimeSpan.FromMilliseconds(sinceMs), Second));

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.55)]
    [InlineData(0.8)]
    public void SamplesEverySecondRunLate_TheTickLocksOntoThemWithinFourTicks(double timerPhase)
    {
        // The VMI grain's clock (and the dry-run's): the timer ticks every interval from attach; a tick re-arms
        // it to interval + tolerance when a sample came since the previous tick; a sample runs the tick when due.
        var lates = new[] { 0.0, 0.12, 0.03, 0.15, 0.0, 0.08, 0.14, 0.02, 0.1, 0.05, 0.0, 0.13, 0.07, 0.0, 0.11, 0.04 };
        var clock = new TickClock(Second, TimeSpan.FromSeconds(timerPhase) - Second);
        var ticks = new List<(double At, bool OnSample)>();
        void Tick(TimeSpan at, bool onSample)
        {
            clock.Ticked(at);
            ticks.Add((at.TotalSeconds, onSample));
        }

        for (var i = 1; i <= lates.Length; i++)
        {
            var sample = TimeSpan.FromSeconds(i + lates[i - 1]);
            while (clock.NextTimer < sample)
            {
                var at = clock.NextTimer;
                if (clock.OnTimer(at))
                {
                    Tick(at, onSample: false);
                }
            }

            if (clock.OnSample(sample))
            {
                Tick(sample, onSample: true);
            }
        }

        Assert.All(ticks.Skip(4), t => Assert.True(t.OnSample, $"tick at {t.At:0.00} s by the timer (phase {timerPhase})"));
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.InRange(p.Second.At - p.First.At, 0.75 - 1e-9, 1.25 + 1e-9));
    }

    [Fact]
    public void TickClock_TimerTurnQueuedBehindASampleTick_IsDroppedAndTheTimerMovesPastTheNextSample()
    {
        var clock = new TickClock(Second, TimeSpan.Zero);
        Assert.True(clock.OnSample(TimeSpan.FromMilliseconds(990)));
        var (drift, rephased) = clock.Ticked(TimeSpan.FromMilliseconds(990));
        Assert.Equal(TimeSpan.Zero, drift);
        Assert.True(rephased);
        Assert.False(clock.OnTimer(TimeSpan.FromMilliseconds(1000))); // the turn queued at 1 s: 10 ms after the tick
        Assert.Equal(TimeSpan.FromMilliseconds(990) + TickSchedule.FallbackDue(Second), clock.NextTimer);
    }

    [Fact]
    public void TickClock_TimerTickWithoutSamples_DriftIsHowLateItRan()
    {
        var clock = new TickClock(Second, TimeSpan.Zero);
        Assert.True(clock.OnTimer(TimeSpan.FromMilliseconds(1300)));
        var (drift, rephased) = clock.Ticked(TimeSpan.FromMilliseconds(1300));
        Assert.Equal(TimeSpan.FromMilliseconds(300), drift);
        Assert.False(rephased);
        Assert.Equal(TimeSpan.FromMilliseconds(2300), clock.NextTimer);
    }

    [Fact]
    public void FallbackDue_IsLaterThanTheNextSample() =>
        Assert.True(TickSchedule.FallbackDue(Second) > Second);
}
