using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Tests;

public sealed class EngineBehaviourTests : IDisposable
{
    private readonly LuaRuleEngine _engine = RuleTestKit.Engine(o => o.FailuresBeforeDisable = 3);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void EvaluateTick_RuleFailingNTimes_IsDisabledAndReportedWhileOthersKeepWorking()
    {
        var program = RuleTestKit.Program(
            ("broken", "function on_tick(vmi) error('boom') end"),
            ("healthy", "function on_tick(vmi) return log('ok') end"));
        var other = RuleTestKit.Tick("return switch_profile('other')");
        var state = VmiRuleState.Empty;
        var disabledAt = -1;
        for (var i = 1; i <= 5; i++)
        {
            var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot(state: state));
            state = result.State;
            Assert.Equal(new LogAction("ok"), Assert.Single(result.Decisions).Action);
            if (result.NewlyDisabled.Count > 0)
            {
                disabledAt = i;
                var disabled = Assert.Single(result.NewlyDisabled);
                Assert.Equal("broken", disabled.Rule);
                Assert.Equal(3, disabled.Failures);
                Assert.Equal("boom", disabled.LastError.Message);
            }

            Assert.Equal(i <= 3 ? 1 : 0, result.Errors.Count);
            Assert.Empty(_engine.EvaluateTick(other, RuleTestKit.Snapshot()).Errors);
        }

        Assert.Equal(3, disabledAt);
        Assert.Equal("rule 'broken' line 1: boom", state.Disabled["broken"]);
    }

    [Fact]
    public void EvaluateTick_SuccessAfterFailure_ResetsTheCounter()
    {
        var program = RuleTestKit.Tick("if vmi.state.fail then vmi.state.fail = nil error('once') end");
        var start = VmiRuleState.Empty with { Values = new Dictionary<string, FieldValue> { ["fail"] = FieldValue.Of(true) } };

        var failed = _engine.EvaluateTick(program, RuleTestKit.Snapshot(state: start));
        var next = _engine.EvaluateTick(program, RuleTestKit.Snapshot(state: failed.State with { Values = new Dictionary<string, FieldValue>() }));

        Assert.Equal(1, failed.State.ConsecutiveFailures["r"]);
        Assert.Equal(FieldValue.Of(true), failed.State.Values["fail"]);
        Assert.Empty(next.State.ConsecutiveFailures);
    }

    [Fact]
    public void EvaluateTick_State_PersistsBetweenEvaluationsThroughTheResult()
    {
        var program = RuleTestKit.Tick("vmi.state.n = (vmi.state.n or 0) + 1 if vmi.state.n == 3 then return emit('third', {n = vmi.state.n}) end");
        var state = VmiRuleState.Empty;
        RuleEvaluationResult result = null!;
        for (var i = 0; i < 3; i++)
        {
            result = _engine.EvaluateTick(program, RuleTestKit.Snapshot(state: state));
            state = result.State;
        }

        Assert.Equal(FieldValue.Of(3), state.Values["n"]);
        Assert.Equal("emit(third, n=3)", Assert.Single(result.Decisions).Action.Describe());
    }

    [Fact]
    public void EvaluateTick_StateTooLarge_FailsTheRuleAndKeepsTheOldState()
    {
        var program = RuleTestKit.Tick("for i = 1, 40 do vmi.state['k' .. i] = i end return log('x')");

        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Empty(result.State.Values);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.InvalidState, error.Kind);
        Assert.Contains("more than 32 keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_StateOverItsByteBound_FailsTheRuleNamingTheSetting_OldStateKept()
    {
        // Counts and string lengths raised far: the byte bound still keeps vmi.state within the VMI's stored budget.
        using var engine = RuleTestKit.Engine(o => (o.MaxStateEntries, o.MaxStateStringLength, o.MaxStateBytes) = (1024, 65_536, 16 * 1024));
        var program = RuleTestKit.Tick("for i = 1, 20 do vmi.state['k' .. i] = string.rep('s', 1000) end return log('x')");

        var result = engine.EvaluateTick(program, RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Empty(result.State.Values);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.InvalidState, error.Kind);
        Assert.Contains("vmi.state takes 20051 bytes, more than the limit of 16384 (VmiGrains:Rules:MaxStateBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_OneInvalidActionInList_NothingOfTheRuleIsKept()
    {
        var program = RuleTestKit.Tick("vmi.state.x = 1\nreturn { log('a'),\n set_weight('cpu', 2) }");

        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot());

        Assert.Empty(result.Decisions);
        Assert.Empty(result.State.Values);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("rule 'r' line 4: set_weight: value is out of range [0, 1] (got 2); pass a number in [0, 1]", error.ToString());
    }

    [Fact]
    public void EvaluateTick_VmiSnapshot_ExposesIdMetricsWindowsAndEvents()
    {
        var events = new[] { new TelemetryEvent(RuleTestKit.T0, "login", new Dictionary<string, FieldValue> { ["user"] = FieldValue.Of("alice") }) };
        var program = RuleTestKit.Tick("""
            local w = vmi.window("1m")
            return emit("seen", { id = vmi.id, profile = vmi.profile, cpu = vmi.metrics.cpu.avg, p95 = w.cpu.p95,
              n = vmi.metrics.cpu.samples, user = vmi.events[1].fields.user, now = vmi.now })
            """);

        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot(cpu: 0.75, events: events));

        var emit = Assert.IsType<EmitAction>(Assert.Single(result.Decisions).Action);
        Assert.Equal("vm-1", emit.Fields["id"].Text);
        Assert.Equal("test-profile", emit.Fields["profile"].Text);
        Assert.Equal(0.75, emit.Fields["cpu"].Number, 3);
        Assert.Equal(0.75, emit.Fields["p95"].Number, 3);
        Assert.Equal(10, emit.Fields["n"].Number);
        Assert.Equal("alice", emit.Fields["user"].Text);
        Assert.Equal(RuleTestKit.T0.AddSeconds(9).ToUnixTimeSeconds(), emit.Fields["now"].Number);
    }

    [Fact]
    public void EvaluateTick_UnknownWindow_ErrorNamesTheWindow()
    {
        var error = Assert.Single(_engine.EvaluateTick(RuleTestKit.Tick("return vmi.window('1h').cpu.avg"), RuleTestKit.Snapshot()).Errors);
        Assert.Contains("unknown window '1h'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void EvaluateTick_WritingToVmi_IsDiscardedForTheNextRule()
    {
        var program = RuleTestKit.Program(
            ("a", "function on_tick(vmi) vmi.id = 'forged' vmi.metrics.cpu.avg = 99 end"),
            ("b", "function on_tick(vmi) return log(vmi.id .. ' ' .. vmi.metrics.cpu.avg) end"));

        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot(cpu: 0.5));

        Assert.Equal(new LogAction("vm-1 0.5"), Assert.Single(result.Decisions).Action);
    }

    [Fact]
    public void EvaluateEvent_OnEvent_GetsTheEventAndOnlyRulesWithOnEventRun()
    {
        var program = RuleTestKit.Program(
            ("ticker", "function on_tick(vmi) return log('tick') end"),
            ("login", "function on_event(vmi, e) if e.name == 'login' and e.fields.failed_attempts >= 3 then return switch_profile('security-audit') end end"));
        var e = new TelemetryEvent(RuleTestKit.T0, "login", new Dictionary<string, FieldValue> { ["failed_attempts"] = FieldValue.Of(4) });

        var result = _engine.EvaluateEvent(program, RuleTestKit.Snapshot(), e);

        Assert.Equal(new RuleDecision("login", 1, new SwitchProfileAction("security-audit")), Assert.Single(result.Decisions));
    }

    [Fact]
    public void EvaluateTick_ManyThreads_StatesArePooledAndResultsCorrect()
    {
        var program = RuleTestKit.Tick("if vmi.metrics.cpu.avg > 0.5 then return switch_profile('hot') end");
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var hot = i % 2 == 0;
            var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot(cpu: hot ? 0.9 : 0.1));
            Assert.Equal(hot ? 1 : 0, result.Decisions.Count);
        });
    }

    [Fact]
    public void Check_SyntaxError_ReportsLineAndMessage()
    {
        var errors = new LuaRuleCompiler().Check(new RuleScript("burst", "function on_tick(vmi)\n  if x then\nend"));

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("'end' expected", error.Message, StringComparison.Ordinal);
        Assert.Empty(new LuaRuleCompiler().Check(new RuleScript("ok", "function on_tick(vmi) end")));
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryError()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => RuleTestKit.Engine(o =>
        {
            o.InstructionBudget = 1;
            o.MaxActions = 0;
            o.FailuresBeforeDisable = 0;
        }));

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains("VmiGrains:Rules:InstructionBudget: out of range (got 1); set 1000..1000000000 instructions", ex.Failures);
    }
}
