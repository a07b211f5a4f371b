using System.Text;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Tests.Fixtures;
using VmiGrains.Testing;

namespace VmiGrains.GuestAgent.Tests;

/// <summary>Program execution through a real qemu-ga in its own network namespace.</summary>
public sealed class ExecTests(GuestFixture fixture) : IClassFixture<GuestFixture>
{
    private QemuGuestAgentGuest Guest => fixture.Guest;

    [Fact]
    public async Task RunAsync_ExitCodeAndOutput_AreCapturedAndDecoded()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.RunAsync(new ExecRequest("/bin/sh", ["-c", "printf 'out ünï\\n'; echo err >&2; exit 3"]));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(ExecState.Exited, result.Value.State);
        Assert.Equal(3, result.Value.ExitCode);
        Assert.Equal("out ünï\n", result.Value.StdOut);
        Assert.Equal("err\n", result.Value.StdErr);
        Assert.False(result.Value.StdOutTruncated);
        Assert.False(result.Value.TimedOut);
        Assert.False(result.Value.Succeeded);
    }

    [Fact]
    public async Task RunAsync_InputAndEnvironment_ReachTheProgram()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);
        var request = new ExecRequest("/bin/sh", ["-c", "read line; echo \"$line $GREETING\""])
        {
            Input = Encoding.UTF8.GetBytes("hello\n"),
            Environment = new Dictionary<string, string> { ["GREETING"] = "from the host" },
        };

        var result = await agent.RunAsync(request);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("hello from the host\n", result.Value.StdOut);
        Assert.True(result.Value.Succeeded);
    }

    [Fact]
    public async Task RunAsync_ProgramKilledBySignal_ReportsSignal()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.RunAsync(new ExecRequest("/bin/sh", ["-c", "kill -KILL $$"]));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(9, result.Value.Signal);
        Assert.Null(result.Value.ExitCode);
    }

    [Fact]
    public async Task RunAsync_OutputOverTheLimit_IsTruncatedWithMarker()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath, new GuestAgentOptions { MaxOutputBytes = 1000 });

        var result = await agent.RunAsync(new ExecRequest("/bin/sh", ["-c", "head -c 5000 /dev/zero | tr '\\0' x"]));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.StdOutTruncated);
        Assert.StartsWith(new string('x', 1000) + "\n" + GuestOutput.TruncationMarker, result.Value.StdOut, StringComparison.Ordinal);
        Assert.Contains("kept 1000 of 5000 bytes", result.Value.StdOut, StringComparison.Ordinal);
        Assert.False(result.Value.StdErrTruncated);
    }

    [Fact]
    public async Task RunAsync_ProgramOverItsTimeout_IsEndedInTheGuestAndReportedTimedOut()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.RunAsync(new ExecRequest("/bin/sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.TimedOut);
        Assert.Equal(124, result.Value.ExitCode);
        Assert.False(result.Value.Succeeded);
    }

    [Fact]
    public async Task RunAsync_ExecReplyArrivesAfterTheGuestsLimit_StillReportedTimedOut()
    {
        // guest-exec's reply comes 600 ms late; the guest's `timeout` kills the program at 300 ms.
        // Measured from the reply, the kill would look early and the run "not timed out".
        var options = new GuestAgentOptions();
        var transport = new SlowReplyTransport(new Transports.UnixSocketTransport(Guest.SocketPath, options.MaxReplyBytes, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), "guest-exec", TimeSpan.FromMilliseconds(600));
        await using var agent = new QemuGuestAgent(transport, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var result = await agent.RunAsync(new ExecRequest("/bin/sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(124, result.Value.ExitCode);
        Assert.True(result.Value.TimedOut);
    }

    [Fact]
    public async Task TerminateAsync_RightAfterStart_EveryRunEnds()
    {
        // The moment that used to orphan the program: SIGTERM meeting `timeout` around its fork.
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);
        for (var i = 0; i < 20; i++)
        {
            var started = await agent.StartAsync(new ExecRequest("/bin/sleep", ["30"]) { Nice = 5, Timeout = TimeSpan.FromMinutes(1) });
            Assert.True(started.IsSuccess, started.ToString());
            await Task.Delay(i % 5); // land at different points of timeout's start-up
            Assert.True((await agent.TerminateAsync(started.Value)).Value);

            var status = await agent.GetStatusAsync(started.Value);
            for (var j = 0; j < 500 && status.IsSuccess && status.Value.State == ExecState.Running; j++)
            {
                await Task.Delay(20);
                status = await agent.GetStatusAsync(started.Value);
            }

            Assert.True(status.IsSuccess, status.ToString());
            Assert.True(status.Value.State == ExecState.Exited, $"run {i}: still {status.Value.State} 10 s after SIGTERM; {Processes(started.Value.Pid)}");
        }
    }

    /// <summary>The wrapper and every process of its group or parented by it, with state and signal masks.</summary>
    private static string Processes(long wrapper)
    {
        var lines = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => long.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (Path.GetFileName(dir) == wrapper.ToString(System.Globalization.CultureInfo.InvariantCulture) || fields[1] == wrapper.ToString(System.Globalization.CultureInfo.InvariantCulture) || fields[2] == wrapper.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    var signals = File.ReadAllLines(Path.Combine(dir, "status")).Where(l => l.StartsWith("Sig", StringComparison.Ordinal));
                    lines.Add($"{stat[..(stat.LastIndexOf(')') + 1)]} state {fields[0]} ppid {fields[1]} pgid {fields[2]} [{string.Join(", ", signals)}]");
                }
            }
            catch (IOException)
            {
            }
        }

        return lines.Count == 0 ? $"no process of wrapper {wrapper} is left" : string.Join("; ", lines);
    }

    [Fact]
    public async Task RunAsync_ProgramWithinItsTimeout_IsNotTimedOut()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.RunAsync(new ExecRequest("/bin/echo", ["done"]) { Timeout = TimeSpan.FromSeconds(30), Nice = 3 });

        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.TimedOut);
        Assert.Equal("done\n", result.Value.StdOut);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-5)]
    [InlineData(19)]
    public async Task StartAsync_WithNice_ProgramRunsAtThatNiceInTheGuestNamespace(int nice)
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var started = await agent.StartAsync(new ExecRequest("/bin/sleep", ["30"]) { Nice = nice });

        Assert.True(started.IsSuccess, started.ToString());
        try
        {
            // nice execs the program, so the pid QGA returned becomes the program itself.
            await QemuGuestAgentGuest.WaitForCommAsync(started.Value.Pid, "sleep");
            Assert.Equal(nice, QemuGuestAgentGuest.NiceOf(started.Value.Pid));
            Assert.Equal(await NamespaceOfGuestAsync(), QemuGuestAgentGuest.NetNamespaceOf(started.Value.Pid));
        }
        finally
        {
            Assert.True((await agent.TerminateAsync(started.Value)).IsSuccess);
        }

        var final = await agent.RunAsync(new ExecRequest("/bin/true", []));
        Assert.True(final.IsSuccess, final.ToString());
    }

    [Fact]
    public async Task StartAsync_WithNiceAndTimeout_ChildProgramRunsAtThatNice()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var started = await agent.StartAsync(new ExecRequest("/bin/sleep", ["30"]) { Nice = 11, Timeout = TimeSpan.FromMinutes(1) });

        Assert.True(started.IsSuccess, started.ToString());
        var wrapper = started.Value.Pid;
        var child = await ChildOfAsync(wrapper);
        Assert.Equal(11, QemuGuestAgentGuest.NiceOf(wrapper));
        Assert.Equal(11, QemuGuestAgentGuest.NiceOf(child));
        Assert.Contains("(sleep)", await File.ReadAllTextAsync($"/proc/{child}/stat"), StringComparison.Ordinal);

        Assert.True((await agent.TerminateAsync(started.Value)).Value);
        var status = await agent.GetStatusAsync(started.Value);
        // Generous deadline: the whole suite shares two cores, and reaping is asynchronous. One
        // SIGTERM must do: the product signals timeout's process group, so the program cannot be
        // orphaned when the signal meets timeout right after its fork (this test's old flake).
        for (var i = 0; i < 750 && status.IsSuccess && status.Value.State == ExecState.Running; i++)
        {
            await Task.Delay(20);
            status = await agent.GetStatusAsync(started.Value);
        }

        Assert.True(status.IsSuccess, status.ToString());
        // When it fails, the processes' own state tells whether the program ignored the signal or qemu-ga did not reap it.
        Assert.True(status.Value.State == ExecState.Exited,
            $"qemu-ga still reports {status.Value.State} 15 s after SIGTERM; wrapper {Stat(wrapper)}; child {Stat(child)}");
        static string Stat(long pid)
        {
            try
            {
                // State, and whether SIGTERM (bit 15, 0x4000) was pending, blocked or ignored.
                var signals = File.ReadAllLines($"/proc/{pid}/status").Where(l => l.StartsWith("Sig", StringComparison.Ordinal) || l.StartsWith("ShdPnd", StringComparison.Ordinal));
                return $"{File.ReadAllText($"/proc/{pid}/stat").Trim()} [{string.Join(", ", signals)}]";
            }
            catch (IOException)
            {
                return $"{pid} gone";
            }
        }

        static bool SleepAlive(long pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat.Contains("(sleep)", StringComparison.Ordinal) && !stat.Contains(") Z ", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        }

        for (var i = 0; i < 250 && SleepAlive(child); i++)
        {
            await Task.Delay(20);
        }

        Assert.False(SleepAlive(child), "the child program should be gone after terminate");
    }

    [Fact]
    public async Task GetStatusAsync_AfterTheExitWasReported_ReturnsTheSameFinalStatus()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);
        var run = await agent.RunAsync(new ExecRequest("/bin/sh", ["-c", "echo once; exit 5"]));
        Assert.True(run.IsSuccess, run.ToString());
        var handle = new ExecHandle(run.Value.Pid, DateTimeOffset.UtcNow, null, new GuestCommand("/bin/sh", []), GuestOsFamily.Linux);

        var again = await agent.GetStatusAsync(handle);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(run.Value, again.Value);
    }

    [Fact]
    public async Task GetStatusAsync_PidTheAgentNeverStarted_ReturnsProcessNotFound()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);
        var handle = new ExecHandle(int.MaxValue - 7, DateTimeOffset.UtcNow, null, new GuestCommand("/bin/true", []), GuestOsFamily.Linux);

        var status = await agent.GetStatusAsync(handle);

        Assert.False(status.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.ProcessNotFound, status.Error.Kind);
        Assert.Contains(handle.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ProgramThatDoesNotExist_ReturnsCommandFailedWithQgaError()
    {
        await using var agent = QemuGuestAgent.ForUnixSocket(Guest.SocketPath);

        var result = await agent.StartAsync(new ExecRequest("/nonexistent/program", []));

        Assert.False(result.IsSuccess);
        Assert.Equal(GuestAgentErrorKind.CommandFailed, result.Error.Kind);
        Assert.Equal("GenericError", result.Error.ErrorClass);
        Assert.Contains("/nonexistent/program", result.Error.ErrorDescription, StringComparison.Ordinal);
    }

    private async Task<string> NamespaceOfGuestAsync()
    {
        using var probe = Guest.StartInGuest("/bin/sleep", "5");
        try
        {
            for (var i = 0; i < 100; i++)
            {
                // ip netns exec execs the program after entering the namespace.
                if (File.ReadAllText($"/proc/{probe.Id}/stat").Contains("(sleep)", StringComparison.Ordinal))
                {
                    return QemuGuestAgentGuest.NetNamespaceOf(probe.Id);
                }

                await Task.Delay(10);
            }

            throw new InvalidOperationException("the probe did not start");
        }
        finally
        {
            probe.Kill();
        }
    }

    private static async Task<long> ChildOfAsync(long pid)
    {
        for (var i = 0; i < 200; i++)
        {
            var children = await File.ReadAllTextAsync($"/proc/{pid}/task/{pid}/children");
            if (children.Trim() is { Length: > 0 } list && long.TryParse(list.Split(' ')[0], out var child)
                && (await File.ReadAllTextAsync($"/proc/{child}/stat")).Contains("(sleep)", StringComparison.Ordinal))
            {
                return child;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"pid {pid} has no sleep child");
    }
}
