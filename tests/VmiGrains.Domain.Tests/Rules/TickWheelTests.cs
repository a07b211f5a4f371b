using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Tests.RuleTicks;

public sealed class TickWheelTests
{
    private static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static List<DueTick<string>> Take(TickWheel<string> wheel, TimeSpan now)
    {
        var due = new List<DueTick<string>>();
        wheel.TakeDue(now, due);
        return due;
    }

    [Fact]
    public void TakeDue_BeforeTheDueTime_ReturnsNothing_FromItOn_ReturnsTheTurnOnce()
    {
        var wheel = new TickWheel<string>(Slot);
        var ticket = wheel.Add("a", Second, Ms(1_050));

        Assert.Empty(Take(wheel, Ms(1_000)));
        Assert.Empty(Take(wheel, Ms(1_049))); // same slot, not yet due: never early
        var due = Assert.Single(Take(wheel, Ms(1_060)));
        Assert.Equal(new DueTick<string>("a", ticket, Ms(1_050), Ms(2_050)), due);
        Assert.Empty(Take(wheel, Ms(1_100)));
    }

    [Fact]
    public void TakeDue_EverySlotWithJitter_OneTurnPerPeriodAtFixedRate()
    {
        var wheel = new TickWheel<string>(Slot);
        wheel.Add("a", Second, Ms(300));
        var turns = new List<DueTick<string>>();
        var jitter = new[] { 0, 40, 90, 10, 70, 30 };
        for (var i = 0; i < 100; i++)
        {
            turns.AddRange(Take(wheel, Ms((i * 100) + jitter[i % jitter.Length])));
        }

        // 0.3 s, 1.3 s … 9.3 s: late turns do not shift the phase, so the rate is exactly one per period.
        Assert.Equal(Enumerable.Range(0, 10).Select(k => Ms(300 + (k * 1_000))), turns.Select(t => t.Due));
    }

    [Fact]
    public void TakeDue_AfterADriverStall_OneTurnThenOnePeriodFromNow_NoBurst()
    {
        var wheel = new TickWheel<string>(Slot);
        wheel.Add("a", Second, Second);
        Assert.Single(Take(wheel, Second));

        var late = Assert.Single(Take(wheel, Ms(6_500))); // five periods missed
        Assert.Equal(Ms(2_000), late.Due);
        Assert.Equal(Ms(7_500), late.Next);
        Assert.Empty(Take(wheel, Ms(7_400)));
        Assert.Single(Take(wheel, Ms(7_500)));
    }

    [Fact]
    public void TakeDue_StalledLongerThanARevolution_StillFindsEveryDueEntry()
    {
        var wheel = new TickWheel<string>(Slot);
        Assert.Empty(Take(wheel, TimeSpan.Zero));
        for (var i = 0; i < 50; i++)
        {
            wheel.Add($"vmi-{i}", Second, Ms(100 + (i * 37)));
        }

        var revolution = Slot * TickWheel<string>.SlotCount;
        Assert.Equal(50, Take(wheel, revolution * 3).Count);
    }

    [Fact]
    public void TakeDue_PeriodLongerThanTheWheel_WaitsForItsRound()
    {
        var wheel = new TickWheel<string>(Slot);
        wheel.Add("hourly", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        for (var t = TimeSpan.Zero; t < TimeSpan.FromHours(1); t += TimeSpan.FromSeconds(7))
        {
            Assert.Empty(Take(wheel, t));
        }

        Assert.Single(Take(wheel, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Reschedule_RephasedBySample_TheOldTurnNeverComes()
    {
        var wheel = new TickWheel<string>(Slot);
        var ticket = wheel.Add("a", Second, Second);

        Assert.True(wheel.Reschedule("a", ticket, Ms(2_250)));
        Assert.Empty(Take(wheel, Ms(2_200)));
        Assert.Equal(Ms(2_250), Assert.Single(Take(wheel, Ms(2_300))).Due);
    }

    [Fact]
    public void Reschedule_ToATimeTheWheelHasPassed_IsTakenAtTheNextCall()
    {
        var wheel = new TickWheel<string>(Slot);
        var ticket = wheel.Add("a", Second, Ms(5_000));
        Assert.Empty(Take(wheel, Ms(3_000)));

        wheel.Reschedule("a", ticket, Ms(1_000));
        Assert.Single(Take(wheel, Ms(3_100)));
    }

    [Fact]
    public void RemoveAndReschedule_WithAStaleTicket_LeaveTheNewerRegistration()
    {
        var wheel = new TickWheel<string>(Slot);
        var old = wheel.Add("a", Second, Second);
        var current = wheel.Add("a", Second, Ms(1_500)); // re-registered: a new profile, a new activation

        Assert.False(wheel.Remove("a", old));
        Assert.False(wheel.Reschedule("a", old, Ms(9_000)));
        Assert.Equal(1, wheel.Count);
        var due = Assert.Single(Take(wheel, Ms(1_500)));
        Assert.Equal(current, due.Ticket);
        Assert.True(wheel.Remove("a", current));
        Assert.Equal(0, wheel.Count);
        Assert.Empty(Take(wheel, Ms(10_000)));
    }

    [Fact]
    public void TakeDue_ThousandsAttachedAtOnce_SpreadOverTheIntervalAndAtMostOneSlotLate()
    {
        var wheel = new TickWheel<string>(Slot);
        var attachedAt = Ms(12_345);
        for (var i = 0; i < 10_000; i++)
        {
            var id = $"c0000000-0000-4000-0000-{i:x12}";
            wheel.Add(id, Second, attachedAt + TickSchedule.FirstTimer(id, Second));
        }

        var perSlot = new List<int>();
        var turns = 0;
        for (var now = attachedAt; now <= attachedAt + TimeSpan.FromSeconds(5); now += Slot)
        {
            var due = Take(wheel, now);
            Assert.All(due, d => Assert.InRange(now - d.Due, TimeSpan.Zero, Slot));
            perSlot.Add(due.Count);
            turns += due.Count;
        }

        Assert.Equal(50_000, turns); // one turn per VMI per second, for five seconds
        Assert.All(perSlot.Skip(1), n => Assert.InRange(n, 800, 1_200)); // ~1,000 per 100 ms slot, not 10,000 at once
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(99.9, 100)]
    [InlineData(100, 200)]
    [InlineData(12_345, 12_400)]
    public void NextSlotStart_IsTheStartOfTheFollowingSlot(double nowMs, double expectedMs) =>
        Assert.Equal(Ms(expectedMs), new TickWheel<string>(Slot).NextSlotStart(Ms(nowMs)));

    [Fact]
    public void TakeDue_AtSlotStartsWokenLate_EveryTurnEquallyLate_SoNoDrift()
    {
        var wheel = new TickWheel<string>(Slot);
        wheel.Add("a", Second, Ms(1_030));
        var lateness = new List<TimeSpan>();
        var now = TimeSpan.Zero;
        var wakeLate = new[] { 1, 7, 3, 12, 0, 5 };
        for (var i = 0; i < 60; i++)
        {
            now = wheel.NextSlotStart(now) + Ms(wakeLate[i % wakeLate.Length]);
            lateness.AddRange(Take(wheel, now).Select(d => now - d.Due));
        }

        // Due at .030 each second, taken at the next slot start (.100) plus the wake's own delay: 70–82 ms, every time.
        Assert.Equal(5, lateness.Count); // six seconds of wakes: the turns at 1.03 … 5.03 s
        Assert.All(lateness, l => Assert.InRange(l, Ms(70), Ms(82)));
    }
}
