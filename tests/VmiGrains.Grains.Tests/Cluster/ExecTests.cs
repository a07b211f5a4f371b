using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>The trigger through the grains, against a real qemu-ga standing in for db-01's guest.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ExecTests(ClusterFixture fixture)
{
    private static readonly string App = $"vmigzz{Guid.NewGuid().ToString("N")[..6]}";

    private async Task<IVmiGrain> GuestVmiAsync()
    {
        _ = fixture.Guest;
        var profile = $$"""
            {"id":"exec-test","name":"Exec","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
             "application_priorities":{"sleep":{"nice":7},"{{App}}":"low"},"evaluation_interval":"200ms",
             "allowed_programs":["/bin/sh","/bin/sleep","/usr/bin/sleep"]}
            """;
        await fixture.Client.GetGrain<IProfileGrain>("exec-test").DefineAsync(profile);
        await fixture.Client.GetGrain<IProfileGrain>("exec-scoped").DefineAsync(
            """{"id":"exec-scoped","name":"Scoped","resource_weights":{"cpu":0.7,"ram":0.1,"network":0.1,"storage":0.1}}""");
        var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
        await vmi.ApplyProfileAsync("exec-test");
        return vmi;
    }

    private static Task<ExecutionView> WaitAsync(IVmiGrain vmi, ExecutionView started) =>
        Eventually.GetAsync(() => vmi.GetExecutionAsync(started.ExecutionId), v => v.State != "running", what: "program finished");

    [Fact]
    public async Task Execute_Program_ExitCodeAndOutput()
    {
        var vmi = await GuestVmiAsync();

        var done = await WaitAsync(vmi, await vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/sh", Args = ["-c", "echo hello; echo oops >&2; exit 3"] }));

        Assert.Equal("exited", done.State);
        Assert.Equal(3, done.ExitCode);
        Assert.Equal("hello\n", done.Stdout);
        Assert.Equal("oops\n", done.Stderr);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "exec" && d.What.Contains("exit code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_AppWithPriority_StartsAtTheProfilesNice()
    {
        var vmi = await GuestVmiAsync();

        var started = await vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/sleep", Args = ["5"], Timeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(7, started.Nice);
        // guest-exec returns right after fork: give the child a moment to exec nice and sleep.
        Assert.Equal(7, await Eventually.GetAsync(() => Task.FromResult(QemuGuestAgentGuest.NiceOf(started.Pid)), n => n == 7, TimeSpan.FromSeconds(10), "nice applied"));
        Assert.Equal("exec-test", started.ProfileId);
    }

    [Fact]
    public async Task Execute_ProgramNotAllowed_RefusedAndNothingRuns()
    {
        var vmi = await GuestVmiAsync();
        var marker = Path.Combine(fixture.Guest.Directory, $"ran-{Guid.NewGuid():N}");

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.ExecuteAsync(new ExecuteRequest { Path = "/usr/bin/touch", Args = [marker] }));

        Assert.Equal("program", ex.Errors[0].Path);
        Assert.Equal("profile 'exec-test' does not allow this program", ex.Errors[0].Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Execute_RelativePath_RefusedWithTheFix()
    {
        var vmi = await GuestVmiAsync();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.ExecuteAsync(new ExecuteRequest { Path = "sleep", Args = ["1"] }));

        Assert.Contains(ex.Errors, e => e.Path == "path");
    }

    [Fact]
    public async Task Execute_ScopedProfile_AppliedForTheRunThenReverted()
    {
        var vmi = await GuestVmiAsync();

        var started = await vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/sleep", Args = ["1"], ProfileId = "exec-scoped", Scoped = true });
        var during = await vmi.GetAsync();
        var after = await Eventually.GetAsync(vmi.GetAsync, v => v.ProfileId == "exec-test", what: "scoped profile reverted");

        Assert.Equal("exec-scoped", started.ProfileId);
        Assert.Equal("exec-scoped", during.ProfileId);
        Assert.Contains(during.UndoRecords, u => u.Kind == "scoped-profile");
        Assert.Empty(after.UndoRecords);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "undo" && d.Reason == "the scoped run ended");
    }

    [Fact]
    public async Task InjectSyscallFaultRule_TriggeredProgramRunsUnderStraceAndFails()
    {
        _ = fixture.Guest;
        await fixture.Client.GetGrain<IProfileGrain>("exec-chaos").DefineAsync("""
            {"id":"exec-chaos","name":"Chaos","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
             "behavioral_rules":"function on_event(vmi, e)\n  if e.name == 'chaos' then return inject_syscall_fault{ syscall = 'uname', errno = 'EPERM', ttl = 60 } end\nend"}
            """);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
        await vmi.ApplyProfileAsync("exec-chaos");

        var healthy = await WaitAsync(vmi, await vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/uname" }));
        await vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent("chaos", new Dictionary<string, string>(), null)]));
        var faulted = await WaitAsync(vmi, await vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/uname" }));

        Assert.Equal(0, healthy.ExitCode);
        Assert.Equal("Linux\n", healthy.Stdout);
        Assert.NotEqual(0, faulted.ExitCode);
        Assert.Contains("Operation not permitted", faulted.Stderr, StringComparison.Ordinal);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "syscall-fault" && d.What.Contains("uname fails with EPERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyProfile_RunningApp_IsReniced()
    {
        var copy = Path.Combine(fixture.Guest.Directory, App);
        File.Copy("/bin/sleep", copy, overwrite: true);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }
        using var running = fixture.Guest.StartInGuest(copy, "30");
        await QemuGuestAgentGuest.WaitForCommAsync(running.Id, App);
        try
        {
            var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
            await vmi.DetachAsync();

            await GuestVmiAsync();

            var nice = await Eventually.GetAsync(() => Task.FromResult(QemuGuestAgentGuest.NiceOf(running.Id)), n => n == 10, what: "app reniced to low (10)");
            Assert.Equal(10, nice);
            Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "priority" && d.What.Contains($"{App}=10 (1 process(es))", StringComparison.Ordinal));
        }
        finally
        {
            running.Kill();
        }
    }
}
