using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Observers;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Observers;

public sealed class UserDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Diff_NewUser_IsLoginWithUserAndTime()
    {
        var alice = new GuestUser("alice", null, Now.AddSeconds(-1));

        var events = UserDiff.Diff([], [alice], Now);

        var login = Assert.Single(events);
        Assert.Equal("login", login.Name);
        Assert.Equal(EventSources.Users, login.Source);
        Assert.Equal("alice", login.Fields["user"].Text);
        Assert.Equal(alice.LoginTime.ToUnixTimeSeconds(), login.Fields["login_time"].Number);
        Assert.Equal(alice.LoginTime, login.Timestamp);
        Assert.False(login.Fields.ContainsKey("domain"));
    }

    [Fact]
    public void Diff_UserGone_IsLogoutAtNow()
    {
        var events = UserDiff.Diff([new GuestUser("bob", "CORP", Now.AddHours(-1))], [], Now);

        var logout = Assert.Single(events);
        Assert.Equal("logout", logout.Name);
        Assert.Equal("CORP", logout.Fields["domain"].Text);
        Assert.Equal(Now, logout.Timestamp);
    }

    [Fact]
    public void Diff_SameUsers_NoEvents()
    {
        var users = new[] { new GuestUser("alice", null, Now.AddMinutes(-5)), new GuestUser("root", null, Now.AddMinutes(-9)) };

        Assert.Empty(UserDiff.Diff(users, [.. users.Reverse()], Now));
    }

    [Fact]
    public void Diff_LoginTimeMovedForward_IsLogoutThenLogin()
    {
        var events = UserDiff.Diff([new GuestUser("alice", null, Now.AddMinutes(-5))], [new GuestUser("alice", null, Now.AddSeconds(-1))], Now);

        Assert.Equal(["logout", "login"], events.Select(e => e.Name));
    }

    [Fact]
    public void Diff_SameNameInAnotherDomain_IsAnotherUser()
    {
        var events = UserDiff.Diff([new GuestUser("admin", "A", Now)], [new GuestUser("admin", "A", Now), new GuestUser("admin", "B", Now)], Now);

        Assert.Equal("B", Assert.Single(events).Fields["domain"].Text);
    }

    [Fact]
    public void Diff_LoginTimeInTheFuture_StampedNow()
    {
        var events = UserDiff.Diff([], [new GuestUser("alice", null, Now.AddMinutes(3))], Now);

        Assert.Equal(Now, Assert.Single(events).Timestamp);
    }
}
