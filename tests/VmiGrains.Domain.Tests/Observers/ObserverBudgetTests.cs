using VmiGrains.Domain.Observers;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Observers;

public sealed class ObserverBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private static List<TelemetryEvent> Many(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new TelemetryEvent(Now, i % 2 == 0 ? "login" : "logout", new Dictionary<string, FieldValue>()))];

    [Fact]
    public void Admit_WithinBudget_PassesEverythingUnchanged()
    {
        var budget = new ObserverBudget(perPoll: 3, perMinute: 10);
        var events = Many(3);

        Assert.Same(events, budget.Admit(events, EventSources.Users, Now));
        Assert.Equal(0, budget.Dropped);
    }

    [Fact]
    public void Admit_PerMinute_HoldsAcrossPollsAndRecoversAfterAMinute()
    {
        var budget = new ObserverBudget(perPoll: 5, perMinute: 8);

        Assert.Equal(5, budget.Admit(Many(5), EventSources.Users, Now).Count);
        var second = budget.Admit(Many(5), EventSources.Users, Now.AddSeconds(2));
        Assert.Equal(4, second.Count); // 3 admitted + the summary
        Assert.Equal(2, second[^1].Fields["count"].Number);
        Assert.Equal("logout,login".Split(',').Order(StringComparer.Ordinal), second[^1].Fields["names"].Text!.Split(','));

        var full = budget.Admit(Many(1), EventSources.Users, Now.AddSeconds(4));
        Assert.Equal("observer_dropped", Assert.Single(full).Name);

        Assert.Equal(5, budget.Admit(Many(5), EventSources.Users, Now.AddSeconds(61)).Count);
        Assert.Equal(3, budget.Dropped);
    }

    [Fact]
    public void Admit_Summary_CarriesTheObserverAsSource()
    {
        var budget = new ObserverBudget(perPoll: 1, perMinute: 10);

        var summary = budget.Admit(Many(3), EventSources.Applications, Now)[^1];

        Assert.Equal(EventSources.Applications, summary.Source);
        Assert.Equal(EventSources.Applications, summary.Fields["observer"].Text);
    }
}
