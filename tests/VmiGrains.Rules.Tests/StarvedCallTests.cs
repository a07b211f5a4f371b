using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using VmiGrains.Domain.Rules;
using Xunit.Abstractions;

namespace VmiGrains.Rules.Tests;

/// <summary>
/// A rule call the machine does not run — a real-time busy loop takes the call's CPU for 250 ms —
/// is not the rule's fault: it completes when its own CPU time is within <c>CpuTimeLimit</c> and the
/// elapsed time within <c>WallClockLimit</c>, and is stopped by the wall clock past that. (Before the
/// two clocks were separated, the 10 ms wall-clock limit failed cheap rules on every busy host.)
/// </summary>
public sealed partial class StarvedCallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Starvation = TimeSpan.FromMilliseconds(250);

    // ~100 ms of CPU on this machine class: the call is still running when the busy loop arrives 40 ms after "go".
    private const string Work = "local n = 0 for i = 1, 12000000 do n = n + i end\nreturn log('done ' .. n)";

    [Fact]
    public void EvaluateTick_CallStarvedWithinTheWallClockLimit_CompletesBecauseItsCpuTimeIsWithinBudget()
    {
        // 200 ms of CPU allowed, more than 200 ms elapsed: only the CPU the rule used counts.
        var (result, wall, cpu) = RunStarved(o =>
        {
            o.CpuTimeLimit = TimeSpan.FromMilliseconds(200);
            o.WallClockLimit = TimeSpan.FromSeconds(3);
        });
        Assert.True(wall > TimeSpan.FromMilliseconds(200), $"{wall.TotalMilliseconds:F0} ms elapsed");
        output.WriteLine($"starved call: {wall.TotalMilliseconds:F0} ms elapsed, {cpu.TotalMilliseconds:F1} ms CPU; errors: {string.Join("; ", result.Errors)}");
        Assert.Empty(result.Errors);
        Assert.Single(result.Decisions);
    }

    [Fact]
    public void EvaluateTick_CallStarvedPastTheWallClockLimit_StoppedByTheWallClock()
    {
        var (result, wall, cpu) = RunStarved(o =>
        {
            o.CpuTimeLimit = TimeSpan.FromMilliseconds(200);
            o.WallClockLimit = TimeSpan.FromMilliseconds(200);
        });
        output.WriteLine($"starved call: {wall.TotalMilliseconds:F0} ms elapsed, {cpu.TotalMilliseconds:F1} ms CPU");
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.WallClock, error.Kind);
        Assert.Contains("wall-clock limit exceeded", error.Message, StringComparison.Ordinal);
        Assert.True(cpu < TimeSpan.FromMilliseconds(200), $"{cpu.TotalMilliseconds:F0} ms of CPU");
        Assert.Empty(result.Decisions);
    }

    /// <summary>
    /// Starts a SCHED_FIFO busy loop that waits for a word on stdin (real-time, so it wakes at once even
    /// on a loaded machine), then pins this thread to the last CPU, tells the loop to go — 40 ms later,
    /// when the call has started, it moves itself to that CPU and spins for <see cref="Starvation"/>, then
    /// ends by itself (an outer <c>timeout</c> kills it if not) — and evaluates <see cref="Work"/> meanwhile.
    /// </summary>
    private static (RuleEvaluationResult Result, TimeSpan Wall, TimeSpan Cpu) RunStarved(Action<RulesOptions> configure)
    {
        using var engine = new LuaRuleEngine(Options(configure));
        var tick = RuleTestKit.Tick(Work);
        Assert.Empty(engine.EvaluateTick(RuleTestKit.Tick("return log('warm')"), RuleTestKit.Snapshot()).Errors); // the sandbox's code is warm

        var cpuIndex = Environment.ProcessorCount - 1;
        var loop = string.Create(CultureInfo.InvariantCulture, $"""
            import os, sys, time
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
            print("ready", flush=True)
            sys.stdin.readline()
            time.sleep(0.04)
            os.sched_setaffinity(0, [{cpuIndex}])
            e = time.monotonic() + {Starvation.TotalSeconds}
            while time.monotonic() < e: pass
            """);
        var start = new ProcessStartInfo("timeout") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-s", "KILL", "10", "python3", "-c", loop])
        {
            start.ArgumentList.Add(arg);
        }

        using var busy = Process.Start(start)!;
        Assert.Equal("ready", busy.StandardOutput.ReadLine());
        ulong previous = 0;
        Assert.True(sched_getaffinity(0, sizeof(ulong), ref previous) == 0, "sched_getaffinity failed");
        ulong mask = 1UL << cpuIndex;
        Assert.True(sched_setaffinity(0, sizeof(ulong), ref mask) == 0, "sched_setaffinity failed");
        try
        {
            busy.StandardInput.WriteLine("go");
            busy.StandardInput.Flush();
            var cpu0 = ThreadClock.CpuTime();
            var clock = Stopwatch.StartNew();
            var result = engine.EvaluateTick(tick, RuleTestKit.Snapshot());
            var wall = clock.Elapsed;
            var cpu = ThreadClock.CpuTime() - cpu0;
            busy.WaitForExit();
            Assert.True(busy.ExitCode == 0, $"the SCHED_FIFO busy loop failed (exit {busy.ExitCode}): {busy.StandardError.ReadToEnd()}");
            Assert.True(wall >= Starvation * 0.8, $"the busy loop did not hold up the call ({wall.TotalMilliseconds:F0} ms elapsed, {cpu.TotalMilliseconds:F0} ms CPU): the test's precondition failed");
            return (result, wall, cpu);
        }
        finally
        {
            _ = sched_setaffinity(0, sizeof(ulong), ref previous);
        }
    }

    private static RulesOptions Options(Action<RulesOptions> configure)
    {
        var options = new RulesOptions { InstructionBudget = 1_000_000_000 };
        configure(options);
        return options;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, ref ulong mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, ref ulong mask);
}
