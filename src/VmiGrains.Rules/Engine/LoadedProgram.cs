using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Rules.Native;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules.Engine;

/// <summary>
/// A Lua state with every rule of one program loaded. Each rule gets its own environment whose
/// globals are frozen after the chunk ran, so evaluations cannot leave globals behind.
/// </summary>
internal sealed class LoadedProgram : IDisposable
{
    public LoadedProgram(RuleProgram program, SandboxLimits limits)
    {
        Sandbox = new LuaSandbox(limits);
        var rules = new LoadedRule[program.Rules.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = Load(program.Rules[i]);
        }

        Rules = rules;
        Sandbox.Recover();
    }

    public LuaSandbox Sandbox { get; }

    public IReadOnlyList<LoadedRule> Rules { get; }

    public void Dispose() => Sandbox.Dispose();

    private LoadedRule Load(RuleScript script)
    {
        var l = Sandbox.State;
        LuaNative.lua_settop(l, 0);
        if (Sandbox.Load(script.Source, "=" + script.Name) != LuaNative.Ok)
        {
            return Failed(script.Name, RuleErrorKind.Compile, Sandbox.PopMessage());
        }

        Sandbox.PushNewEnvironment();
        LuaNative.lua_pushvalue(l, -1);
        LuaNative.lua_rotate(l, 1, 1);

        // Stack: env, chunk, env → the chunk's first upvalue (_ENV) becomes env.
        LuaNative.SetUpvalue(l, 2, 1);
        var status = Sandbox.Call(0, 0);
        if (status != SandboxCallStatus.Ok)
        {
            return Failed(script.Name, RuleEngineErrors.KindOf(status), Sandbox.PopMessage());
        }

        Sandbox.PushFreeze();
        LuaNative.lua_pushvalue(l, 1);
        var sealing = Sandbox.Call(1, 3);
        if (sealing != SandboxCallStatus.Ok)
        {
            return Failed(script.Name, sealing == SandboxCallStatus.Error ? RuleErrorKind.Compile : RuleEngineErrors.KindOf(sealing), Sandbox.PopMessage());
        }

        var check = LuaNative.lua_type(l, -1) == LuaNative.TFunction ? LuaNative.luaL_ref(l, LuaNative.RegistryIndex) : Skip(l);
        var onEvent = LuaNative.lua_type(l, -1) == LuaNative.TFunction ? LuaNative.luaL_ref(l, LuaNative.RegistryIndex) : Skip(l);
        var onTick = LuaNative.lua_type(l, -1) == LuaNative.TFunction ? LuaNative.luaL_ref(l, LuaNative.RegistryIndex) : Skip(l);
        LuaNative.lua_settop(l, 0);
        return new LoadedRule(script.Name, onTick, onEvent, check, null);
    }

    private static int Skip(nint l)
    {
        LuaNative.Pop(l, 1);
        return 0;
    }

    private LoadedRule Failed(string name, RuleErrorKind kind, string message)
    {
        LuaNative.lua_settop(Sandbox.State, 0);
        Sandbox.Recover();
        var (line, text) = LuaErrorText.Split(message, name);
        return new LoadedRule(name, 0, 0, 0, new RuleError(name, line, kind, text));
    }
}
