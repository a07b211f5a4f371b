using VmiGrains.Domain.Rules;

namespace VmiGrains.Rules.Tests;

/// <summary>
/// An error raised inside a library function the sandbox implements in Lua (its prelude) names the rule's
/// own line — the line of the call — and Lua's own wording, never a line of the sandbox.
/// </summary>
public sealed class ErrorLineTests : IDisposable
{
    private const int CallLine = 4; // on_tick's header is line 1; the body's third line holds the call
    private readonly LuaRuleEngine _engine = RuleTestKit.Engine();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("string.rep()", "bad argument #1 to 'rep' (string expected, got no value)")]
    [InlineData("('x'):rep({})", "bad argument #2 to 'rep' (number expected, got table)")]
    [InlineData("table.insert({}, 5, 'x')", "bad argument #2 to 'insert' (position out of bounds)")]
    [InlineData("table.remove({1}, 7)", "bad argument #2 to 'remove' (position out of bounds)")]
    [InlineData("table.sort({3, 1}, 'less')", "bad argument #2 to 'sort' (function expected, got string)")]
    [InlineData("table.concat({1, 2}, {})", "bad argument #2 to 'concat' (string expected, got table)")]
    [InlineData("string.find('abc', '[a')", "malformed pattern (missing ']')")]
    [InlineData("('abc'):match('%')", "malformed pattern (ends with '%')")]
    [InlineData("string.gsub('abc', 'a', true)", "bad argument #3 to 'gsub' (string/function/table expected, got boolean)")]
    [InlineData("for w in string.gmatch('a b', '(%w') do end", "unfinished capture")]
    public void LibraryError_NamesTheLineOfTheCall(string call, string message)
    {
        var error = Evaluate($"local a = 1\n\n{call}");
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Equal(CallLine, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table.sort({3, 1, 2}, function(x, y)\n\nerror('bad compare')\nend)", 6)]
    [InlineData("string.gsub('abc', '%w', function(c)\n\nerror('bad repl')\nend)", 6)]
    public void ErrorInARuleFunctionTheLibraryCalls_NamesThatFunctionsLine(string call, int line)
    {
        var error = Evaluate($"local a = 1\n\n{call}");
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Equal(line, error.Line);
    }

    private RuleError Evaluate(string body)
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick(body), RuleTestKit.Snapshot());
        Assert.Empty(result.Decisions);
        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("sandbox", error.Message, StringComparison.Ordinal);
        return error;
    }
}
