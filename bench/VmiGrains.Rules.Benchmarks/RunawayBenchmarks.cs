using BenchmarkDotNet.Attributes;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Rules.Benchmarks;

/// <summary>Time from calling a runaway rule to getting its error back, default budgets. Goal ≤ 10 ms.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup] and needs an unsealed class")]
public class RunawayBenchmarks
{
    private LuaRuleEngine _engine = null!;
    private RuleProgram _loop = null!;
    private RuleProgram _memory = null!;
    private VmiSnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Failures never disable the rule here: each call pays the full abort.
        _engine = new LuaRuleEngine(new RulesOptions { FailuresBeforeDisable = 1000 });
        _loop = BenchData.Program("function on_tick(vmi) while true do end end");
        _memory = BenchData.Program("function on_tick(vmi) local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end end");
        _snapshot = BenchData.Snapshot(0.5, 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary><c>while true do end</c>: stopped by the instruction budget (500,000).</summary>
    [Benchmark]
    public RuleEvaluationResult InfiniteLoop() => _engine.EvaluateTick(_loop, _snapshot);

    /// <summary>A table bomb: stopped by the memory cap (8 MiB) or the instruction budget, whichever first.</summary>
    [Benchmark]
    public RuleEvaluationResult TableBomb() => _engine.EvaluateTick(_memory, _snapshot);
}
