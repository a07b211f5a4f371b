using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Observers;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Observers;

public sealed class ApplicationDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Diff_NewPid_IsAppStartWithNamePidUser()
    {
        var events = ApplicationDiff.Diff([new GuestProcess(10, "nginx", 33, "www-data")], [new GuestProcess(10, "nginx", 33, "www-data"), new GuestProcess(42, "sh", 0, "root")], Now);

        var start = Assert.Single(events);
        Assert.Equal("app_start", start.Name);
        Assert.Equal(EventSources.Applications, start.Source);
        Assert.Equal("sh", start.Fields["app"].Text);
        Assert.Equal(42, start.Fields["pid"].Number);
        Assert.Equal("root", start.Fields["user"].Text);
        Assert.Equal(0, start.Fields["uid"].Number);
    }

    [Fact]
    public void Diff_PidGone_IsAppStop()
    {
        var events = ApplicationDiff.Diff([new GuestProcess(10, "nginx", 33, "www-data")], [], Now);

        Assert.Equal("app_stop", Assert.Single(events).Name);
    }

    [Fact]
    public void Diff_PidReusedByAnotherApp_IsStopThenStart()
    {
        var events = ApplicationDiff.Diff([new GuestProcess(10, "nginx", 33, "www-data")], [new GuestProcess(10, "sh", 0, "root")], Now);

        Assert.Equal(["app_stop", "app_start"], events.Select(e => e.Name));
    }

    [Fact]
    public void Diff_Unchanged_NoEvents()
    {
        GuestProcess[] same = [new(1, "a", 0, "root"), new(2, "b", 0, "root")];

        Assert.Empty(ApplicationDiff.Diff(same, [.. same.Reverse()], Now));
    }
}
