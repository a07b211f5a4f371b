using System.Diagnostics;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;
using Xunit.Abstractions;

namespace VmiGrains.Rules.Tests;

/// <summary>
/// Rules whose time goes into library calls — where Lua's count hook never runs — are stopped
/// within twice their time budget (CPU and wall clock, both set to it), one test per class of long C call, in on_tick, on_event
/// and top-level code, also behind the rule's own pcall. The instruction budget is set out of
/// reach so that only the clock can stop them. The bound is checked on the evaluating thread's CPU
/// time (robust on a loaded machine) and on wall time with the same 2× factor.
/// </summary>
public sealed partial class LongLibraryCallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    // 256,000 bytes: just under the default per-allocation cap, the largest subject a rule can build.
    private const string Big = "local s = ('a'):rep(4000) for _ = 1, 6 do s = s .. s end\n";

    public static TheoryData<string, string> Classes => new()
    {
        { "pattern backtracking", "local x = string.find(('a'):rep(3000), '.-.-.-b')" },
        { "backtracking in a loop of short subjects", "while true do local x = ('a'):rep(60):find(('a-'):rep(8) .. 'b') end" },
        { "backtracking through the string metatable", Big + "local x = s:match('(.-)(.-)(.-)c')" },
        { "long plain search", Big + "local needle = s:sub(1, 100000) .. 'b' while true do local x = string.find(s, needle, 1, true) end" },
        { "long plain search without specials", Big + "local needle = s:sub(1, 120000) .. 'b' while true do local x = s:find(needle) end" },
        { "quadratic substitution", Big + "local x = s:gsub('a-b', '')" },
        { "gsub of every character in a loop", "local s = ('a'):rep(4000) for _ = 1, 2 do s = s .. s end while true do local x = s:gsub('a', 'b') end" },
        { "gmatch with backtracking", Big + "for w in s:gmatch('(a-)b') do end" },
        { "balanced match scan", Big + "while true do local x = s:find('%b(a') end" },
        { "backtracking behind pcall", "while true do pcall(string.find, ('a'):rep(3000), '.-.-.-b') end" },
        { "upper of a long string in a loop", Big + "while true do local x = s:upper() end" },
        { "comparing long strings in a loop", Big + "local t = s:sub(1, -2) .. 'b' local n = 0 while true do if s < t then n = n + 1 end end" },
        { "numeric coercion of a long string", "local d = ('1'):rep(4000) for _ = 1, 5 do d = d .. d end while true do local x = tonumber(d) end" },
        { "arithmetic coercion of a long string", "local d = ('1'):rep(4000) for _ = 1, 5 do d = d .. d end while true do local x = d + 1 end" },
        { "utf8.len of a long string", Big + "while true do local x = utf8.len(s) end" },
        { "table.concat of many elements", "local t = {} for i = 1, 15000 do t[i] = 'x' end while true do local x = table.concat(t) end" },
        { "table.sort of a big table", "local t = {} for i = 1, 15000 do t[i] = (i * 7919) % 15000 end while true do table.sort(t) end" },
        { "table.insert at the front", "local t = {} for i = 1, 15000 do t[i] = i end while true do table.insert(t, 1, 0) table.remove(t, 1) end" },
        { "unpack of many elements", "local t = {} for i = 1, 7000 do t[i] = i end while true do local x = select('#', table.unpack(t)) end" },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void EvaluateTick_TimeInsideLibraryCalls_StoppedWithinTwiceTheTimeLimit(string name, string body)
    {
        var (error, wall, cpu) = Measure(engine => engine.EvaluateTick(RuleTestKit.Tick(body), RuleTestKit.Snapshot()));
        AssertStopped(name, error, wall, cpu);
    }

    [Theory]
    [InlineData("local x = string.find(('a'):rep(3000), '.-.-.-b')")]
    [InlineData(Big + "local x = s:gsub('a-b', '')")]
    public void EvaluateEvent_TimeInsideLibraryCalls_StoppedWithinTwiceTheTimeLimit(string body)
    {
        var program = RuleTestKit.Program(("ev", $"function on_event(vmi, event)\n{body}\nend"));
        var login = new TelemetryEvent(RuleTestKit.T0, "login", new Dictionary<string, FieldValue>());
        var (error, wall, cpu) = Measure(engine => engine.EvaluateEvent(program, RuleTestKit.Snapshot(), login));
        AssertStopped("on_event", error, wall, cpu);
    }

    [Fact]
    public void Load_TopLevelBacktracking_StoppedWithinTwiceTheTimeLimitAndReportedAsTheRulesError()
    {
        var program = RuleTestKit.Program(("top", "local x = string.find(('a'):rep(3000), '.-.-.-b')\nfunction on_tick(vmi) end"));
        var (error, wall, cpu) = Measure(engine => engine.EvaluateTick(program, RuleTestKit.Snapshot()));
        AssertStopped("top-level code", error, wall, cpu);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void EvaluateTick_BacktrackingWithTheDefaultInstructionBudget_StoppedByItBecausePatternStepsCount()
    {
        using var engine = RuleTestKit.Engine();
        var result = engine.EvaluateTick(RuleTestKit.Tick("local x = string.find(('a'):rep(3000), '.-.-.-b')"), RuleTestKit.Snapshot());
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.InstructionBudget, error.Kind);
        Assert.Equal(2, error.Line);
        Assert.Contains("instruction budget exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_StringLargerThanTheAllocationCap_RefusedNamingTheSetting()
    {
        using var engine = RuleTestKit.Engine();
        var result = engine.EvaluateTick(RuleTestKit.Tick(Big + "local t = s .. s"), RuleTestKit.Snapshot());
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.MemoryBudget, error.Kind);
        Assert.Contains("Rules:MaxAllocationBytes (262144)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_MemoryErrorCaughtByTheRulesPcall_StillStopsTheRule()
    {
        using var engine = RuleTestKit.Engine();
        var result = engine.EvaluateTick(RuleTestKit.Tick(Big + "local ok = pcall(function() return s .. s end) return log('survived')"), RuleTestKit.Snapshot());
        Assert.Empty(result.Decisions);
        Assert.Equal(RuleErrorKind.MemoryBudget, Assert.Single(result.Errors).Kind);
    }

    /// <summary>
    /// Runs one evaluation; Wall is its elapsed time less the time the thread waited for a core
    /// (<see cref="ThreadClock.RunQueueWait"/>): the engine can only notice its deadline while it runs, so on a
    /// loaded machine (CI4: 846 ms elapsed for a 300 ms budget, CPU within it) the run queue is not its lateness.
    /// </summary>
    private static (RuleError Error, TimeSpan Wall, TimeSpan Cpu) Measure(Func<LuaRuleEngine, RuleEvaluationResult> evaluate)
    {
        using var engine = RuleTestKit.Engine(o =>
        {
            o.InstructionBudget = 1_000_000_000;
            o.WallClockLimit = Budget;
            o.CpuTimeLimit = Budget;
        });
        var cpu0 = ThreadClock.CpuTime();
        var waited0 = ThreadClock.RunQueueWait();
        var wall = Stopwatch.StartNew();
        var result = evaluate(engine);
        wall.Stop();
        var cpu = ThreadClock.CpuTime() - cpu0;
        var waited = ThreadClock.RunQueueWait() - waited0;
        Assert.Empty(result.Decisions);
        var error = Assert.Single(result.Errors);

        // The same engine keeps working afterwards.
        var after = engine.EvaluateTick(RuleTestKit.Tick("return log('fine')"), RuleTestKit.Snapshot());
        Assert.Empty(after.Errors);
        return (error, wall.Elapsed - waited, cpu);
    }

    private void AssertStopped(string name, RuleError error, TimeSpan wall, TimeSpan cpu)
    {
        output.WriteLine($"{name}: stopped after {wall.TotalMilliseconds:F1} ms of running or sleeping time ({cpu.TotalMilliseconds:F1} ms CPU) with a budget of {Budget.TotalMilliseconds} ms");
        // CPU time is spent first unless the machine preempts the thread, then the wall clock.
        Assert.True(error.Kind is RuleErrorKind.CpuTime or RuleErrorKind.WallClock, $"{name}: {error}");
        Assert.Contains(error.Kind == RuleErrorKind.CpuTime ? "CPU time limit exceeded" : "wall-clock limit exceeded", error.Message, StringComparison.Ordinal);
        Assert.True(cpu < 2 * Budget, $"{name}: {cpu.TotalMilliseconds:F0} ms of CPU, budget {Budget.TotalMilliseconds} ms");
        Assert.True(wall < 2 * Budget, $"{name}: {wall.TotalMilliseconds:F0} ms elapsed (not counting the wait for a core), budget {Budget.TotalMilliseconds} ms");
    }
}
