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
    // ~100 ms of CPU on this machine class: the call is still running when the busy loop arrives 40 ms after "go".
    private const string Work = "local n = 0 for i = 1, 12000000 do n = n + i end\nreturn log('done ' .. n)";

    [Fact]
    public void EvaluateTick_CallStarvedWithinTheWallClockLimit_CompletesBecauseItsCpuTimeIsWithinBudget()
    {
        // The CPU budget is three times what the work costs unstarved right now (a loaded machine slows
        // the work itself: 100 ms became 200+ under CI's load), and the call is starved for longer than that
        // budget: more than the CPU budget elapses, and only the CPU the rule used counts.
        var unstarved = UnstarvedCpu();
        var cpuLimit = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, 3 * unstarved.Ticks));
        var (result, wall, cpu) = RunStarved(o =>
        {
            o.CpuTimeLimit = cpuLimit;
            o.WallClockLimit = TimeSpan.FromSeconds(10);
        }, cpuLimit + TimeSpan.FromMilliseconds(50));
        output.WriteLine($"unstarved {unstarved.TotalMilliseconds:F1} ms CPU; starved call: {wall.TotalMilliseconds:F0} ms elapsed, {cpu.TotalMilliseconds:F1} ms CPU of {cpuLimit.TotalMilliseconds:F0}; errors: {string.Join("; ", result.Errors)}");
        Assert.True(wall > cpuLimit, $"{wall.TotalMilliseconds:F0} ms elapsed");
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
        }, TimeSpan.FromMilliseconds(250));
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
    /// when the call has started, it moves itself to that CPU and spins for <paramref name="starvation"/>, then
    /// ends by itself (an outer <c>timeout</c> kills it if not) — and evaluates <see cref="Work"/> meanwhile.
    /// </summary>
    private static (RuleEvaluationResult Result, TimeSpan Wall, TimeSpan Cpu) RunStarved(Action<RulesOptions> configure, TimeSpan starvation)
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
            e = time.monotonic() + {starvation.TotalSeconds}
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
            Assert.True(wall >= starvation * 0.8, $"the busy loop did not hold up the call ({wall.TotalMilliseconds:F0} ms elapsed, {cpu.TotalMilliseconds:F0} ms CPU): the test's precondition failed");
            return (result, wall, cpu);
        }
        finally
        {
            _ = sched_setaffinity(0, sizeof(ulong), ref previous);
        }
    }

    /// <summary>The thread CPU time of <see cref="Work"/> on this machine now, not starved (the median of three).</summary>
    private static TimeSpan UnstarvedCpu()
    {
        using var engine = new LuaRuleEngine(Options(o => (o.WallClockLimit, o.CpuTimeLimit) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10))));
        var tick = RuleTestKit.Tick(Work);
        var runs = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var cpu0 = ThreadClock.CpuTime();
            Assert.Empty(engine.EvaluateTick(tick, RuleTestKit.Snapshot()).Errors);
            runs.Add(ThreadClock.CpuTime() - cpu0);
        }

        return runs.Order().ElementAt(1);
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
