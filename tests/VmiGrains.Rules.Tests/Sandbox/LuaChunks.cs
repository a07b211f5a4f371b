using VmiGrains.Rules.Native;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules.Tests.Sandbox;

/// <summary>
/// Runs the same chunk in the sandbox and in a plain Lua 5.4 state with the real standard library,
/// so the sandbox's reimplemented library functions can be compared with Lua's own.
/// </summary>
internal sealed class LuaChunks : IDisposable
{
    private readonly LuaSandbox _sandbox;
    private readonly LuaSandbox _plainHost;

    public LuaChunks(SandboxLimits? limits = null)
    {
        _sandbox = new LuaSandbox(limits ?? new SandboxLimits(50_000_000, 64L * 1024 * 1024, TimeSpan.FromSeconds(10), 4096, 64L * 1024 * 1024, TimeSpan.FromSeconds(10)));

        // Its own state, used without the sandbox's environment: the globals are Lua's real library.
        _plainHost = new LuaSandbox(new SandboxLimits(50_000_000, 64L * 1024 * 1024, TimeSpan.FromSeconds(10), 1 << 20, 64L * 1024 * 1024, TimeSpan.FromSeconds(10)));
    }

    /// <summary>Runs <paramref name="source"/> as a rule chunk; its first result as text, or "ERR:" and the message.</summary>
    public string InSandbox(string source)
    {
        var l = _sandbox.State;
        LuaNative.lua_settop(l, 0);
        if (_sandbox.Load(source, "=t") != LuaNative.Ok)
        {
            return "ERR:" + _sandbox.PopMessage();
        }

        _sandbox.PushNewEnvironment();
        LuaNative.SetUpvalue(l, -2, 1);
        return Result(_sandbox, _sandbox.Call(0, 1) == SandboxCallStatus.Ok);
    }

    /// <summary>Runs <paramref name="source"/> with Lua's real standard library (no sandbox environment).</summary>
    public string InPlainLua(string source)
    {
        var l = _plainHost.State;
        LuaNative.lua_settop(l, 0);
        if (_plainHost.Load(source, "=t") != LuaNative.Ok)
        {
            return "ERR:" + _plainHost.PopMessage();
        }

        return Result(_plainHost, _plainHost.Call(0, 1) == SandboxCallStatus.Ok);
    }

    public void Dispose()
    {
        _sandbox.Dispose();
        _plainHost.Dispose();
    }

    private static string Result(LuaSandbox sandbox, bool ok)
    {
        if (!ok)
        {
            return "ERR:" + sandbox.PopMessage();
        }

        var text = LuaStack.ToUtf8(sandbox.State, -1, out var length) ?? $"<{length} bytes, not UTF-8>";
        LuaNative.lua_settop(sandbox.State, 0);
        return text;
    }
}
