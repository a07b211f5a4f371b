using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Tests.Fixtures;
using VmiGrains.Testing;

namespace VmiGrains.GuestAgent.Tests;

/// <summary>Re-prioritising applications already running in a real guest.</summary>
public sealed class ReprioritiseTests(GuestFixture fixture) : IClassFixture<GuestFixture>
{
    private QemuGuestAgentGuest Guest => fixture.Guest;

    [Fact]
    public async Task ReprioritiseAsync_AppAlreadyRunning_EveryProcessOfItIsReniced()
    {
        var app = CopyOfSleep();
        using var first = Guest.StartInGuest(app, "30");
        using var second = Guest.StartInGuest(app, "30");
        using var other = Guest.StartInGuest("/bin/sleep", "30");
        await QemuGuestAgentGuest.WaitForCommAsync(first.Id, Path.GetFileName(app));
        await QemuGuestAgentGuest.WaitForCommAsync(second.Id, Path.GetFileName(app));
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.ReprioritiseAsync(Path.GetFileName(app), 12);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(new long[] { first.Id, second.Id }.Order(), result.Value.Pids.Order());
        Assert.Equal(12, QemuGuestAgentGuest.NiceOf(first.Id));
        Assert.Equal(12, QemuGuestAgentGuest.NiceOf(second.Id));
        Assert.Equal(0, QemuGuestAgentGuest.NiceOf(other.Id));

        var back = await agent.ReprioritiseAsync(Path.GetFileName(app), -3);

        Assert.True(back.IsSuccess, back.ToString());
        Assert.Equal(-3, QemuGuestAgentGuest.NiceOf(first.Id));
        first.Kill();
        second.Kill();
        other.Kill();
    }

    [Fact]
    public async Task ReprioritiseAsync_AppStartedThroughTheAgent_IsReniced()
    {
        var app = CopyOfSleep();
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);
        var started = await agent.StartAsync(new ExecRequest(app, ["30"]));
        Assert.True(started.IsSuccess, started.ToString());
        await QemuGuestAgentGuest.WaitForCommAsync(started.Value.Pid, Path.GetFileName(app));

        var result = await agent.ReprioritiseAsync(Path.GetFileName(app), 15);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([started.Value.Pid], result.Value.Pids);
        Assert.Equal(15, QemuGuestAgentGuest.NiceOf(started.Value.Pid));
        Assert.True((await agent.TerminateAsync(started.Value)).Value);
    }

    [Fact]
    public async Task ReprioritiseAsync_NoProcessOfThatName_ReturnsNoPids()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.ReprioritiseAsync("vmig-none-" + Guid.NewGuid().ToString("N")[..4], 5);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Empty(result.Value.Pids);
    }

    [Theory]
    [InlineData("", 0, "app")]
    [InlineData("/usr/bin/sleep", 0, "app")]
    [InlineData("sleep", 20, "nice")]
    [InlineData("sleep", -21, "nice")]
    public async Task ReprioritiseAsync_BadArguments_InvalidArgumentNamingTheField(string app, int nice, string field)
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.ReprioritiseAsync(app, nice);

        Assert.False(result.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.InvalidArgument, result.Error.Kind);
        Assert.Equal(field, Assert.Single(result.Error.ArgumentErrors).Path);
    }

    /// <summary>A copy of sleep under a unique name of at most 15 characters (the kernel's comm length).</summary>
    private string CopyOfSleep()
    {
        var path = Path.Combine(Guest.Directory, "vmigapp" + Guid.NewGuid().ToString("N")[..6]);
        // File.Copy keeps the executable mode on Unix.
        File.Copy("/bin/sleep", path);
        return path;
    }
}
