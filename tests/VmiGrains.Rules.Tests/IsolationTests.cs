using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Rules.Tests;

/// <summary>
/// One loaded rule serves every VMI of a profile version: nothing one VMI's evaluation writes into
/// the rule's top level may be seen by another VMI's. Tables built at load are read-only; a
/// reassigned top-level local is put back and the evaluation fails naming it.
/// </summary>
public sealed class IsolationTests : IDisposable
{
    private readonly LuaRuleEngine _engine = RuleTestKit.Engine(o => o.MaxPooledStatesPerProgram = 1);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void EvaluateTick_TopLevelLocalReassigned_PutBackSoTheNextVmiSeesTheLoadedValue()
    {
        var program = RuleTestKit.Program(("leak", """
            local last = "none"
            function on_tick(vmi)
              if vmi.id == "vm-2" then return log(last) end
              last = vmi.id
            end
            """));

        var first = _engine.EvaluateTick(program, RuleTestKit.Snapshot() with { VmiId = "vm-1" });
        var second = _engine.EvaluateTick(program, RuleTestKit.Snapshot() with { VmiId = "vm-2" });

        var error = Assert.Single(first.Errors);
        Assert.Equal(RuleErrorKind.InvalidState, error.Kind);
        Assert.Contains("assigned the top-level local 'last'", error.Message, StringComparison.Ordinal);
        Assert.Equal(new LogAction("none"), Assert.Single(second.Decisions).Action);
    }

    [Theory]
    [InlineData("local seen = {}\nfunction on_tick(vmi) seen[vmi.id] = true end")]
    [InlineData("config = { n = 1 }\nfunction on_tick(vmi) config.n = 2 end")]
    [InlineData("local t = { inner = {} }\nfunction on_tick(vmi) t.inner.x = vmi.id end")]
    [InlineData("local cache = {}\nlocal function put(k) cache[k] = true end\nfunction on_tick(vmi) put(vmi.id) end")]
    [InlineData("local list = {}\nfunction on_tick(vmi) table.insert(list, vmi.id) end")]
    public void EvaluateTick_WriteIntoATableBuiltAtLoad_RefusedAsShared(string source)
    {
        var result = _engine.EvaluateTick(RuleTestKit.Program(("shared", source)), RuleTestKit.Snapshot());

        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleErrorKind.Runtime, error.Kind);
        Assert.Contains("tables built when the rule loads are read-only", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void EvaluateTick_PairsOfASealedTable_DoesNotHandOutItsBackingTable()
    {
        var program = RuleTestKit.Program(("pairs", """
            local t = { a = 1 }
            function on_tick(vmi)
              if vmi.id == "vm-2" then return log(tostring(t.a)) end
              local _, s = pairs(t)
              if type(s) == "table" then s.a = 2 end
            end
            """));

        _engine.EvaluateTick(program, RuleTestKit.Snapshot() with { VmiId = "vm-1" });
        var second = _engine.EvaluateTick(program, RuleTestKit.Snapshot() with { VmiId = "vm-2" });

        Assert.Equal(new LogAction("1"), Assert.Single(second.Decisions).Action);
    }

    [Fact]
    public void EvaluateTick_ReadingTablesBuiltAtLoad_WorksAsBefore()
    {
        var program = RuleTestKit.Program(("lookup", """
            local names = { "a", "b" }
            local weights = { x = 1, y = 2 }
            local nested = { levels = { high = 3 } }
            function on_tick(vmi)
              local sum = 0
              for _, v in pairs(weights) do sum = sum + v end
              local seen = {}
              for i, n in ipairs(names) do seen[i] = n end
              return log(table.concat(names, ",") .. #names .. sum .. nested.levels.high .. select("#", table.unpack(names)) .. #seen)
            end
            """));

        var result = _engine.EvaluateTick(program, RuleTestKit.Snapshot());

        Assert.Empty(result.Errors);
        Assert.Equal(new LogAction("a,b23322"), Assert.Single(result.Decisions).Action);
    }

    [Fact]
    public void EvaluateTick_TablesBuiltInsideTheCall_StayWritable()
    {
        var result = _engine.EvaluateTick(RuleTestKit.Tick("local t = {} t.x = 1 table.insert(t, 2) table.sort(t) return log(tostring(t.x + #t))"), RuleTestKit.Snapshot());

        Assert.Empty(result.Errors);
        Assert.Equal(new LogAction("2"), Assert.Single(result.Decisions).Action);
    }
}
