using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Runs every managed callback of the sandbox once per process (pattern scanner, charges, the
/// count hook, a trip), so the JIT's first-call cost is not billed to a rule's wall-clock budget:
/// since an evaluation that returns after its deadline fails, a cold first call would fail a rule
/// that did nothing wrong.
/// </summary>
internal static class SandboxWarmUp
{
    private const string Source = """
local s = ("ab"):rep(200) .. "{x}"
local n = 0
for w in s:gmatch("(a)(b)") do n = n + #w end
local r = s:gsub("%a+", function(w) return w:upper() end):gsub("(b)", "%1%%"):find("{(.-)}")
local t = { 3, 1, 2 }
table.sort(t) table.insert(t, 1, 0) table.remove(t) table.concat(t, ",")
utf8.len(s) tonumber("12") s:byte(1, 3) s:match("^a()") ("x"):find("x", 1, true)
while true do end
""";

    private static readonly Lazy<bool> Done = new(Run);

    public static void EnsureOnce() => _ = Done.Value;

    private static bool Run()
    {
        using var sandbox = new LuaSandbox(new SandboxLimits(200_000, 4 * 1024 * 1024, TimeSpan.FromSeconds(5), 4096, 256 * 1024, TimeSpan.FromSeconds(5)));
        if (sandbox.Load(Source, "=warmup") == LuaNative.Ok)
        {
            sandbox.PushNewEnvironment();
            LuaNative.SetUpvalue(sandbox.State, -2, 1);
            _ = sandbox.Call(0, 0); // ends on the instruction budget: that path is warm too
        }

        LuaNative.lua_settop(sandbox.State, 0);
        return true;
    }
}
