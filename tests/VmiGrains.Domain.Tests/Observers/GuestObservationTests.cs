using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Observers;

namespace VmiGrains.Domain.Tests.Observers;

public sealed class GuestObservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ObserveUsers_FirstSnapshot_IsABaselineWithoutEvents()
    {
        var observation = new GuestObservation();

        Assert.Empty(observation.ObserveUsers([new GuestUser("root", null, Now)], Now));
        Assert.True(observation.HasUsersBaseline);
        Assert.Equal("login", Assert.Single(observation.ObserveUsers([new GuestUser("root", null, Now), new GuestUser("alice", null, Now)], Now)).Name);
    }

    [Fact]
    public void ObserveApplications_FirstSnapshot_IsABaseline_ThenStops()
    {
        var observation = new GuestObservation();

        Assert.Empty(observation.ObserveApplications([new GuestProcess(7, "nginx", 0, "root")], Now));
        Assert.Equal("app_stop", Assert.Single(observation.ObserveApplications([], Now)).Name);
    }

    [Fact]
    public void Reset_MakesTheNextPollABaselineAgain()
    {
        var observation = new GuestObservation();
        observation.ObserveUsers([], Now);

        observation.Reset();

        Assert.Empty(observation.ObserveUsers([new GuestUser("alice", null, Now)], Now));
    }

    [Fact]
    public void Observe_Storm_IsBoundedAndSummarised()
    {
        var observation = new GuestObservation(new ObserverBudget(perPoll: 4, perMinute: 100));
        observation.ObserveApplications([], Now);

        var events = observation.ObserveApplications([.. Enumerable.Range(1, 1000).Select(pid => new GuestProcess(pid, "sh", 0, "root"))], Now);

        Assert.Equal(5, events.Count);
        Assert.All(events.Take(4), e => Assert.Equal("app_start", e.Name));
        var dropped = events[^1];
        Assert.Equal("observer_dropped", dropped.Name);
        Assert.Equal(996, dropped.Fields["count"].Number);
        Assert.Equal("app_start", dropped.Fields["names"].Text);
    }
}
