using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Rules.Tests;

/// <summary>Each attack is stopped with a clear error and the same engine keeps working afterwards.</summary>
public sealed class SandboxAttackTests : IDisposable
{
    private readonly LuaRuleEngine _engine = RuleTestKit.Engine();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void EvaluateTick_InfiniteLoop_StoppedByInstructionBudget()
    {
        var error = Attack("while true do end");
        Assert.Equal(RuleErrorKind.InstructionBudget, error.Kind);
        Assert.Contains("instruction budget exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void EvaluateTick_LoopInsidePcall_CannotSwallowTheAbort()
    {
        var error = Attack("while true do pcall(function() while true do end end) end");
        Assert.Equal(RuleErrorKind.InstructionBudget, error.Kind);
    }

    [Fact]
    public void EvaluateTick_DeepRecursion_StoppedWithStackError()
    {
        var error = Attack("local function f(n) return 1 + f(n + 1) end return f(1)");
        Assert.True(error.Kind is RuleErrorKind.Runtime or RuleErrorKind.MemoryBudget or RuleErrorKind.InstructionBudget, error.ToString());
        Assert.Matches("stack overflow|memory|budget", error.Message);
    }

    [Fact]
    public void EvaluateTick_TableMemoryBomb_StoppedByMemoryBudget()
    {
        var error = Attack("local t = {} local i = 0 while true do i = i + 1 t[i] = {i, i, i, i} end", o => o.InstructionBudget = 100_000_000);
        Assert.Equal(RuleErrorKind.MemoryBudget, error.Kind);
        Assert.Contains("memory budget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_StringRepBomb_RefusedByTheRepCap()
    {
        var error = Attack("local s = string.rep('x', 1e9) return log(s)");
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Contains("string.rep would build 1000000000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void EvaluateTick_StringRepThroughStringMetatable_RefusedByTheRepCap()
    {
        var error = Attack("return log(('x'):rep(1e9))");
        Assert.Contains("string.rep would build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_StringDoublingBomb_StoppedByMemoryBudget()
    {
        var error = Attack("local s = ('x'):rep(4000) while true do s = s .. s end", o => o.InstructionBudget = 100_000_000);
        Assert.Equal(RuleErrorKind.MemoryBudget, error.Kind);
    }

    [Fact]
    public void EvaluateTick_CoroutineLoop_CoroutineIsNotAvailable()
    {
        var error = Attack("local co = coroutine.wrap(function() while true do end end) co()");
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Contains("coroutine", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("os.execute('id')", "os")]
    [InlineData("io.open('/etc/passwd')", "io")]
    [InlineData("require('os')", "require")]
    [InlineData("debug.sethook()", "debug")]
    [InlineData("load('return 1')()", "load")]
    [InlineData("loadstring('return 1')()", "loadstring")]
    [InlineData("dofile('/etc/passwd')", "dofile")]
    [InlineData("collectgarbage('stop')", "collectgarbage")]
    [InlineData("string.dump(on_tick)", "dump")]
    [InlineData("getmetatable('').__index.rep = nil", "getmetatable")]
    [InlineData("setmetatable({}, {__gc = function() end})", "setmetatable")]
    [InlineData("xpcall(function() end, print)", "xpcall")]
    [InlineData("rawset(string, 'x', 1)", "rawset")]
    [InlineData("luanet.import_type('System.IO.File')", "luanet")]
    [InlineData("import('System')", "import")]
    [InlineData("CLRPackage.System.IO.File.Delete('/tmp/x')", "CLRPackage")]
    [InlineData("package.loadlib('libc.so.6', 'system')", "package")]
    [InlineData("print('x')", "print")]
    [InlineData("local e = _G or _ENV.os; e.exit()", "nil")]
    public void EvaluateTick_ForbiddenGlobal_IsNotReachable(string code, string named)
    {
        var error = Attack(code);
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void EvaluateTick_StringMetatableIndex_PointsAtTheCappedReadOnlyLibrary()
    {
        var error = Attack("string.rep = function() end");
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_ErrorWithTable_ReportedWithoutRunningMetamethods()
    {
        var error = Attack("error({ code = 42 })");
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Contains("error value of type table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_HugeActionList_RejectedByTheActionLimit()
    {
        var error = Attack("local t = {} for i = 1, 10000 do t[i] = log('x') end return t");
        Assert.Equal(RuleErrorKind.InvalidAction, error.Kind);
        Assert.Contains("returned 10000 actions, more than the limit of 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_NonUtf8String_RejectedAsInvalidAction()
    {
        var error = Attack("return log('\\xff\\xfe bad')");
        Assert.Equal(RuleErrorKind.InvalidAction, error.Kind);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_GlobalAssignment_RefusedSoNothingLeaksBetweenVmis()
    {
        var error = Attack("counter = (counter or 0) + 1");
        Assert.Contains("globals are read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateTick_BytecodeChunk_RefusedAtLoad()
    {
        var program = RuleTestKit.Program(("bc", "\x1bLua"));
        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot());
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.Compile, error.Kind);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void EvaluateTick_CpuTimeLimit_StopsSlowRule()
    {
        // A loop of cheap instructions with a huge instruction budget: only the CPU time limit stops it.
        var error = Attack("while true do end", o =>
        {
            o.InstructionBudget = 1_000_000_000;
            o.CpuTimeLimit = TimeSpan.FromMilliseconds(5);
        });
        Assert.Equal(RuleErrorKind.CpuTime, error.Kind);
        Assert.Contains("CPU time limit exceeded", error.Message, StringComparison.Ordinal);
    }

    private RuleError Attack(string body, Action<RulesOptions>? configure = null)
    {
        using var engine = configure is null ? null : RuleTestKit.Engine(configure);
        var target = engine ?? _engine;
        var result = target.EvaluateTick(RuleTestKit.Tick(body), RuleTestKit.Snapshot());
        Assert.Empty(result.Decisions);
        var error = Assert.Single(result.Errors);
        AssertEngineStillWorks(target);
        return error;
    }

    private void AssertEngineStillWorks(LuaRuleEngine? engine = null)
    {
        var result = (engine ?? _engine).EvaluateTick(RuleTestKit.Tick("return switch_profile('ok')"), RuleTestKit.Snapshot());
        Assert.Empty(result.Errors);
        Assert.Equal(new SwitchProfileAction("ok"), Assert.Single(result.Decisions).Action);
    }
}
