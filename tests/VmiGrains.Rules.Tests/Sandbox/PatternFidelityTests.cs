using System.Text;

namespace VmiGrains.Rules.Tests.Sandbox;

/// <summary>
/// The sandbox's find/match/gmatch/gsub run on its own budgeted scanner; these tests run thousands
/// of calls both there and through Lua's real string library and demand the same results and the
/// same errors, so rule authors get Lua's documented behaviour.
/// </summary>
public sealed class PatternFidelityTests : IDisposable
{
    private const string Serialize = """
local function ser(...)
  local n, out = select("#", ...), {}
  for i = 1, n do local v = select(i, ...) out[i] = type(v) .. ":" .. tostring(v) end
  return n .. "=" .. table.concat(out, "|")
end
local function run(f)
  local ok, r = pcall(f)
  if ok then return r end
  return "ERR:" .. string.gsub(tostring(r), "^[^:]*:%d+: ", "")
end
""";

    private static readonly string[] Subjects =
    [
        "hello world", "  key = value  ", "aaa", "", "a.b-c", "(foo(bar))baz", "THE (quick) fox", "x=1, y=22, z=333",
        "a\0b\0c", "abcabc", "[x]%y^z$", "\t\n line\r\n", "éàü €",
    ];

    private static readonly string[] Patterns =
    [
        "l+", "o", "^h", "d$", "^$", "%s*", "(%w+)", "(%w+)%s*=%s*(%w+)", "%((%w+)%)", "%b()", "%f[%a]%a+", "[%a.-]+", "[^%s]+",
        "a-", "a-b", ".-", "(a*)", "()", "()(a)()", "(%w)%1", "[]", "[^]]", "%", "(", ")", "%b", "%bx", "%f", "%fa", "%g+", "%p",
        "%x+", "%u%l*", "[a-c]+", "[%]]", ".", "a?a?", "(.)(.)(.)", "%d+$", "^(%s*)(.-)(%s*)$", "x*", "", "%%", "[%w_]+",
        "(a)(b)", "%1", "(()", "((a)(b))", "^", "$", "a$b", "[a-]", "[-a]", "%z", "[\0]", "\0", "%A+", "%S+", "%D", "%W",
        "%c", "%l+", "(%a+)%s", "%s+$", "[^%a%d]", "%[.-%]", "^%w+", "[%%]", "%^", "%$", "z*$", "(h)(e)(l)(l)(o)",
    ];

    private readonly LuaChunks _lua = new();

    public void Dispose() => _lua.Dispose();

    [Fact]
    public void FindMatchGmatchGsub_ManyPatterns_SameAsLuasStringLibrary()
    {
        var calls = new[]
        {
            "string.find(S, P)", "string.find(S, P, 2)", "string.find(S, P, -3)", "string.find(S, P, 0)", "string.find(S, P, 100)",
            "string.find(S, P, 1, true)", "string.find(S, P, 3, true)", "string.match(S, P)", "string.match(S, P, 4)",
            "string.gsub(S, P, '<%0>')", "string.gsub(S, P, '%1')", "string.gsub(S, P, '[%2]')", "string.gsub(S, P, '%%')", "string.gsub(S, P, '%x')",
            "string.gsub(S, P, string.upper)", "string.gsub(S, P, { a = 'A', l = 1, o = false })", "string.gsub(S, P, 'x', 1)", "string.gsub(S, P, '-', 0)",
            "string.gsub(S, P, function(...) return select('#', ...) end)",
            "(function() local r = {} for a, b in string.gmatch(S, P) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) end return table.concat(r, ';') end)()",
            "(function() local r = {} for a in string.gmatch(S, P, 3) do r[#r + 1] = tostring(a) end return table.concat(r, ';') end)()",
        };

        var mismatches = new List<string>();
        var count = 0;
        foreach (var s in Subjects)
        {
            foreach (var p in Patterns)
            {
                foreach (var call in calls)
                {
                    var expression = call.Replace("S", Quote(s), StringComparison.Ordinal).Replace("P", Quote(p), StringComparison.Ordinal);
                    var chunk = $"{Serialize}\nreturn run(function() return ser({expression}) end)";
                    var expected = Normalize(_lua.InPlainLua(chunk));
                    var actual = Normalize(_lua.InSandbox(chunk));
                    count++;
                    if (expected != actual)
                    {
                        mismatches.Add($"{expression}\n  lua:     {expected}\n  sandbox: {actual}");
                    }
                }
            }
        }

        Assert.True(count > 5000, $"only {count} cases ran");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {count} differ:\n{string.Join("\n", mismatches.Take(25))}");
    }

    [Theory]
    [InlineData("string.find('abc', 'b', 1.5)")]
    [InlineData("string.find(nil, 'b')")]
    [InlineData("string.find('abc')")]
    [InlineData("string.gsub('abc', 'b', true)")]
    [InlineData("string.gsub('abc', 'b', function() return {} end)")]
    [InlineData("string.find(12345, 3)")]
    [InlineData("string.gsub('abc', '', '-')")]
    [InlineData("string.rep('ab', 3, ',')")]
    public void LibraryCall_EdgeArguments_SameResultOrErrorAsLua(string expression)
    {
        var chunk = $"{Serialize}\nreturn run(function() return ser({expression}) end)";
        Assert.Equal(Normalize(_lua.InPlainLua(chunk)), Normalize(_lua.InSandbox(chunk)));
    }

    [Theory]
    [InlineData("local t = {5, 3, 9, 1, 7, 2, 8} table.sort(t) return table.concat(t, ',')")]
    [InlineData("local t = {'pear', 'apple', 'fig'} table.sort(t, function(a, b) return a > b end) return table.concat(t, ',')")]
    [InlineData("local t = {1, 2, 3} table.insert(t, 2, 9) table.insert(t, 4) return table.concat(t, ',')")]
    [InlineData("local t = {1, 2, 3, 4} local a = table.remove(t, 1) local b = table.remove(t) return a .. ':' .. b .. ':' .. table.concat(t, ',')")]
    [InlineData("local t = {} local r = table.remove(t) return tostring(r) .. #t")]
    [InlineData("local t = {1, 2} table.insert(t, 5, 3) return 'no error'")]
    [InlineData("local t = {1, 'x'} table.sort(t) return 'no error'")]
    [InlineData("return table.concat({1, 2, 3}, '-', 2, 3) .. select('#', table.unpack({1, 2, 3}, 2))")]
    public void TableFunction_SameResultOrErrorAsLua(string body)
    {
        var chunk = $"{Serialize}\nreturn run(function() {body} end)";
        var expected = _lua.InPlainLua(chunk);
        var actual = _lua.InSandbox(chunk);
        Assert.Equal(Normalize(expected), Normalize(actual));
    }

    // Wording the sandbox may differ in without misleading anyone: a missing argument is "no value"
    // in Lua and "nil" in a Lua-written wrapper, and a heap sort compares pairs in another order.
    private static string Normalize(string s) => s
        .Replace("got no value", "got nil", StringComparison.Ordinal)
        .Replace("compare string with number", "compare number with string", StringComparison.Ordinal);

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in Encoding.UTF8.GetBytes(s))
        {
            b.Append(c is >= 32 and < 127 && c != '"' && c != '\\' ? ((char)c).ToString() : $"\\{c:D3}");
        }

        return b.Append('"').ToString();
    }
}
