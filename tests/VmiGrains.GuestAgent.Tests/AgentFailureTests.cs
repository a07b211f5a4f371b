using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Guests;
using VmiGrains.Testing;

namespace VmiGrains.GuestAgent.Tests;

/// <summary>Agent missing, killed, blocked or busy: clear results, and a retry works once it is back.</summary>
public sealed class AgentFailureTests
{
    [Fact]
    public async Task PingAsync_NoAgentListening_ReturnsNotConnectedNamingTheSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmig-missing-{Guid.NewGuid():N}.sock");
        await using var agent = QemuGuestAgent.ForUnixSocket(path);

        var result = await agent.PingAsync();

        Assert.False(result.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.NotConnected, result.Error.Kind);
        Assert.Contains(path, result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("start qemu-ga", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_AgentKilledWhileProgramRuns_NotConnectedThenRetryWorksAfterRestart()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath);
        var started = await agent.StartAsync(new ExecRequest("/bin/sleep", ["30"]));
        Assert.True(started.IsSuccess, started.ToString());

        await guest.KillAgentAsync();
        var whileDown = await agent.GetStatusAsync(started.Value);
        var runWhileDown = await agent.RunAsync(new ExecRequest("/bin/echo", ["x"]));

        Assert.Equal(GuestAgentErrorKind.NotConnected, whileDown.Error?.Kind);
        Assert.Equal(GuestAgentErrorKind.NotConnected, runWhileDown.Error?.Kind);

        await guest.StartAgentAsync();
        var lost = await agent.GetStatusAsync(started.Value);
        var retry = await agent.RunAsync(new ExecRequest("/bin/echo", ["back"]));

        Assert.Equal(GuestAgentErrorKind.ProcessNotFound, lost.Error?.Kind);
        Assert.True(retry.IsSuccess, retry.ToString());
        Assert.Equal("back\n", retry.Value.StdOut);
    }

    [Fact]
    public async Task RunAsync_AgentKilledDuringTheRun_ReturnsNotConnected()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath);
        var run = agent.RunAsync(new ExecRequest("/bin/sleep", ["30"]));
        await Task.Delay(200);

        await guest.KillAgentAsync();
        var result = await run;

        Assert.False(result.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.NotConnected, result.Error.Kind);
    }

    [Fact]
    public async Task StartAsync_GuestExecBlockedByTheAgent_ReturnsCommandDisabledWithTheFix()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync("guest-exec");
        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath);

        var info = await agent.GetInfoAsync();
        var result = await agent.StartAsync(new ExecRequest("/bin/true", []));

        Assert.True(info.IsSuccess, info.ToString());
        Assert.Equal(["guest-exec"], info.Value.MissingRequiredCommands);
        Assert.False(result.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.CommandDisabled, result.Error.Kind);
        Assert.Contains("--block-rpcs", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_AnotherClientHoldsTheSocket_TimesOutThenWorksWhenItLeaves()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        var holder = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await holder.ConnectAsync(new UnixDomainSocketEndPoint(guest.SocketPath));
        // Half a command: the agent's parser now holds garbage that the next client's sync must clear.
        await holder.SendAsync("{\"execute\":\"guest-pi"u8.ToArray(), SocketFlags.None);
        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath, new GuestAgentOptions { CommandTimeout = TimeSpan.FromMilliseconds(500) });

        var busy = await agent.PingAsync();
        holder.Dispose();
        var after = await agent.PingAsync();

        Assert.True(busy.Error?.Kind == GuestAgentErrorKind.Timeout, busy.ToString());
        Assert.Contains("one at a time", busy.Error!.Message, StringComparison.Ordinal);
        Assert.True(after.IsSuccess, after.ToString());
    }

    [Fact]
    public async Task StartAsync_BadArguments_AllErrorsReportedAndNothingRuns()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath);
        var marker = Path.Combine(guest.Directory, "must-not-exist");

        var result = await agent.StartAsync(new ExecRequest("/usr/bin/touch", [marker]) { Nice = 25, Timeout = TimeSpan.FromSeconds(-1) });
        var relative = await agent.StartAsync(new ExecRequest("usr/bin/touch", [marker]));
        var empty = await agent.StartAsync(new ExecRequest("", [marker]));

        Assert.Equal(GuestAgentErrorKind.InvalidArgument, result.Error?.Kind);
        Assert.Equal(["nice", "timeout"], result.Error!.ArgumentErrors.Select(e => e.Path));
        Assert.Equal("path", Assert.Single(relative.Error!.ArgumentErrors).Path);
        Assert.Contains("not absolute", relative.Error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(empty.Error!.ArgumentErrors).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task StartAsync_BadArgumentsWithoutAnAgent_InvalidArgumentRatherThanNotConnected()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Path.Combine(Path.GetTempPath(), $"vmig-missing-{Guid.NewGuid():N}.sock"));

        var result = await agent.RunAsync(new ExecRequest("/bin/true", []) { Nice = -21 });

        Assert.Equal(GuestAgentErrorKind.InvalidArgument, result.Error?.Kind);
        Assert.Contains("-20..19", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_AgentBacklogFull_TimesOutAsBusyRatherThanNotConnected()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        // The first holder is served (it has an answer), so qemu-ga accepts nobody else while it stays;
        // then connect until the kernel refuses with EAGAIN: the agent's backlog is full.
        var served = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await served.ConnectAsync(new UnixDomainSocketEndPoint(guest.SocketPath));
        await served.SendAsync("{\"execute\":\"guest-ping\"}\n"u8.ToArray(), SocketFlags.None);
        Assert.True(await served.ReceiveAsync(new byte[256], SocketFlags.None) > 0);
        var holders = new List<Socket> { served };
        for (var full = false; !full && holders.Count < 16;)
        {
            var holder = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await holder.ConnectAsync(new UnixDomainSocketEndPoint(guest.SocketPath));
                holders.Add(holder);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                holder.Dispose();
                full = true;
            }
        }

        await using var agent = QemuGuestAgent.ForUnixSocket(guest.SocketPath, new GuestAgentOptions { CommandTimeout = TimeSpan.FromMilliseconds(500) });
        var busy = await agent.PingAsync();
        holders.ForEach(h => h.Dispose());
        var after = await agent.PingAsync();

        Assert.InRange(holders.Count, 2, 15);
        Assert.True(busy.Error?.Kind == GuestAgentErrorKind.Timeout, busy.ToString());
        Assert.Contains("one at a time", busy.Error!.Message, StringComparison.Ordinal);
        Assert.True(after.IsSuccess, after.ToString());
    }

    [Fact]
    public async Task GetAgent_VmiFromTheSocketTemplate_ReachesItsAgentAndUnknownVmiIsNotConnected()
    {
        await using var guest = await QemuGuestAgentGuest.StartAsync();
        var options = new GuestAgentOptions { SocketPathTemplate = Path.Combine(guest.Directory, "{vmi}.sock") };
        File.Move(guest.SocketPath, Path.Combine(guest.Directory, "vm-1.sock"));
        await using var registry = new GuestAgentRegistry(Options.Create(options), NullLoggerFactory.Instance, TimeProvider.System);
        var unknown = new GuestAgentRegistry(Options.Create(new GuestAgentOptions()), NullLoggerFactory.Instance, TimeProvider.System);

        var ping = await registry.GetAgent("vm-1").PingAsync();
        var none = await unknown.GetAgent("vm-2").PingAsync();

        Assert.True(ping.IsSuccess, ping.ToString());
        Assert.Same(registry.GetAgent("vm-1"), registry.GetAgent("vm-1"));
        Assert.Equal(GuestAgentErrorKind.NotConnected, none.Error?.Kind);
        Assert.Contains("SocketPaths:vm-2", none.Error!.Message, StringComparison.Ordinal);
        await unknown.DisposeAsync();
    }
}
