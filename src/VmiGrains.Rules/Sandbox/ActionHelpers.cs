using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The action helpers (<c>switch_profile(id)</c>, ...) as C functions. They only package their
/// arguments into <c>{kind=, line=, ...}</c>; validation happens in .NET afterwards. They are C
/// functions rather than Lua so that <c>return switch_profile(x)</c> — a tail call, which erases a
/// Lua caller's frame — still reports the rule's line. They never raise and disarm the memory cap
/// while they allocate.
/// </summary>
internal static unsafe class ActionHelpers
{
    /// <summary>Helper names and their positional argument names, in upvalue order.</summary>
    public static readonly (string Kind, string[] Args)[] All =
    [
        (ActionKinds.SwitchProfile, ["profile"]),
        (ActionKinds.SetWeight, ["resource", "value", "opts"]),
        (ActionKinds.SetPriority, ["app", "level"]),
        (ActionKinds.ShapeNetwork, ["args"]),
        (ActionKinds.InjectSyscallFault, ["args"]),
        (ActionKinds.Emit, ["name", "fields"]),
        (ActionKinds.Log, ["message"]),
        (ActionKinds.Run, ["program", "args", "opts"]),
    ];

    /// <summary>Offset of <c>currentline</c> in Lua 5.4's <c>lua_Debug</c> on 64-bit platforms.</summary>
    private const int CurrentLineOffset = 48;

    /// <summary>Pushes a table name → helper closure.</summary>
    public static void PushTable(nint l, nint control)
    {
        LuaNative.lua_createtable(l, 0, All.Length);
        for (var i = 0; i < All.Length; i++)
        {
            LuaStack.PushString(l, All[i].Kind);
            LuaNative.lua_pushlightuserdata(l, control);
            LuaNative.lua_pushinteger(l, i);
            LuaNative.lua_pushcclosure(l, &Helper, 2);
            LuaNative.lua_rawset(l, -3);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Helper(nint l)
    {
        var control = (SandboxControl*)LuaNative.lua_touserdata(l, LuaNative.UpvalueIndex(1));
        var index = (int)LuaNative.lua_tointegerx(l, LuaNative.UpvalueIndex(2), null);
        var (kind, args) = All[index];
        var armed = control->Armed;
        control->Armed = 0;
        // Only the arguments given: above them sits the new table, which an omitted trailing argument must not pick up.
        var given = Math.Min(LuaNative.lua_gettop(l), args.Length);
        LuaNative.lua_createtable(l, 0, args.Length + 2);
        var t = LuaNative.lua_gettop(l);
        LuaStack.PushString(l, kind);
        LuaStack.RawSetField(l, t, "kind");
        for (var i = 0; i < given; i++)
        {
            if (LuaNative.lua_type(l, i + 1) > LuaNative.TNil)
            {
                LuaNative.lua_pushvalue(l, i + 1);
                LuaStack.RawSetField(l, t, args[i]);
            }
        }

        var ar = stackalloc byte[256];
        if (LuaNative.lua_getstack(l, 1, ar) != 0 && LuaNative.lua_getinfo(l, "l"u8, ar) != 0)
        {
            var line = *(int*)(ar + CurrentLineOffset);
            if (line > 0)
            {
                LuaNative.lua_pushinteger(l, line);
                LuaStack.RawSetField(l, t, "line");
            }
        }

        control->Armed = armed;
        return 1;
    }
}
