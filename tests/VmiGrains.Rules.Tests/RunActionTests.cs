using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Tests;

/// <summary><c>run(...)</c> inside the sandbox: packaged as data, validated, and held to the rule's budgets.</summary>
public sealed class RunActionTests : IDisposable
{
    private readonly LuaRuleEngine _engine = RuleTestKit.Engine();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void EvaluateEvent_RunOnDrill_ReturnsTheRunActionWithItsLine()
    {
        var program = RuleTestKit.Program(("drill", "function on_event(vmi, e)\n  if e.name == 'drill' then\n    return run('/bin/sh', {'-c', 'exit 3'}, {timeout = 5, app = 'drill'})\n  end\nend"));

        var result = _engine.EvaluateEvent(program, RuleTestKit.Snapshot(), new TelemetryEvent(RuleTestKit.T0, "drill", new Dictionary<string, FieldValue>()));

        Assert.Empty(result.Errors);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal(3, decision.Line);
        var run = Assert.IsType<RunAction>(decision.Action);
        Assert.Equal(("/bin/sh", "drill", TimeSpan.FromSeconds(5)), (run.Program, run.App, run.Timeout));
        Assert.Equal(["-c", "exit 3"], run.Args);
    }

    [Fact]
    public void EvaluateEvent_RunFinished_FieldsReadableByTheRule()
    {
        var program = RuleTestKit.Program(("react", "function on_event(vmi, e)\n  if e.name == 'run_finished' and e.fields.exit_code == 3 and not e.fields.timed_out then return emit('drill_done', {rule = e.fields.rule}) end\nend"));
        var view = new Abstractions.Model.ExecutionView { ExecutionId = "e1", State = "exited", ExitCode = 3, Program = "/bin/sh", Rule = "drill", StartedAt = RuleTestKit.T0 };

        var result = _engine.EvaluateEvent(program, RuleTestKit.Snapshot(), RunFinished.ToEvent(view, RuleTestKit.T0.AddSeconds(1)));

        Assert.Equal("emit(drill_done, rule=drill)", Assert.Single(result.Decisions).Action.Describe());
    }

    [Fact]
    public void EvaluateTick_HelpersWithoutTheirOptionalArguments_ValidActions()
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick("return {run('/bin/true'), set_weight('cpu', 0.9), emit('done')}"), RuleTestKit.Snapshot());

        Assert.Empty(result.Errors);
        Assert.Equal(["run(/bin/true, timeout=30s)", "set_weight(cpu, 0.9)", "emit(done)"], result.Decisions.Select(d => d.Action.Describe()));
    }

    [Theory]
    [InlineData("return run(42)", "run: program must be a string (got 42)")]
    [InlineData("return run('/bin/sh', {'-c', 'true'}, {timeout = 3600})", "run: options.timeout is out of range (0, 300] seconds (got 3600)")]
    [InlineData("local a = {} for i = 1, 17 do a[i] = 'x' end return run('nc', a)", "run: args has more than 16 entries (got 17)")]
    [InlineData("return run('nc', {{'nested'}})", "run: args[1] must be a string of at most 256 characters (got a nested table")]
    public void EvaluateTick_BadRun_RuleErrorNamingFieldAndFix(string body, string expected)
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick(body), RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Contains(expected, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_RunInATightLoop_StoppedByTheInstructionBudget()
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick("local n = 0 while true do local a = run('nc', {'-z', 'h', '1'}) n = n + 1 end"), RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Equal(RuleErrorKind.InstructionBudget, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public void EvaluateTick_KeepingMillionsOfRuns_StoppedByTheMemoryBudget()
    {
        using var engine = RuleTestKit.Engine(o => o.InstructionBudget = 100_000_000);

        var result = engine.EvaluateTick(RuleTestKit.Tick("local t = {} local i = 0 while true do i = i + 1 t[i] = run('nc', {'-z'}) end"), RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Equal(RuleErrorKind.MemoryBudget, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public void EvaluateTick_MoreRunsThanMaxActions_Refused()
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick("local a = {} for i = 1, 17 do a[i] = run('nc') end return a"), RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Contains("more than the limit of 16", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
