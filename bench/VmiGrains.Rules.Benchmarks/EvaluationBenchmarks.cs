using BenchmarkDotNet.Attributes;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Rules.Benchmarks;

/// <summary>One rule evaluation on one thread (evaluations/s per core = 1 / mean). Goal ≥ 100,000/s.</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup] and needs an unsealed class")]
public class EvaluationBenchmarks
{
    private LuaRuleEngine _engine = null!;
    private RuleProgram _program = null!;
    private VmiSnapshot _miss = null!;
    private VmiSnapshot _hit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new LuaRuleEngine(new RulesOptions());
        _program = BenchData.Program(BenchData.RealisticRule);
        _miss = BenchData.Snapshot(cpu: 0.3, mem: 0.5);
        _hit = BenchData.Snapshot(cpu: 0.95, mem: 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>The rule reads its fields and returns nothing (the common case).</summary>
    [Benchmark(Baseline = true)]
    public RuleEvaluationResult RealisticRule_NoAction() => _engine.EvaluateTick(_program, _miss);

    /// <summary>The rule returns switch_profile, which is read back and validated.</summary>
    [Benchmark]
    public RuleEvaluationResult RealisticRule_SwitchProfile() => _engine.EvaluateTick(_program, _hit);
}
