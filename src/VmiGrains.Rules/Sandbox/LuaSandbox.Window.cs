using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

internal sealed unsafe partial class LuaSandbox
{
    /// <summary>
    /// <c>get_window(name)</c>: pushes the metrics table of a named window, or nil. Runs inside a
    /// rule's protected call, so it disarms the memory cap while it allocates (a refused
    /// allocation here would raise across this managed frame) and never raises itself.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetWindow(nint l)
    {
        var handle = GCHandle.FromIntPtr(LuaNative.lua_touserdata(l, LuaNative.UpvalueIndex(1)));
        if (handle.Target is not LuaSandbox sandbox || sandbox.CurrentMetrics is not { } metrics
            || LuaNative.lua_type(l, 1) != LuaNative.TString)
        {
            LuaNative.lua_pushnil(l);
            return 1;
        }

        var name = LuaStack.ToUtf8(l, 1, out _);
        var window = name is null ? null : metrics.Find(name);
        if (window is null)
        {
            LuaNative.lua_pushnil(l);
            return 1;
        }

        var armed = sandbox._control->Armed;
        sandbox._control->Armed = 0;
        SnapshotWriter.PushWindow(l, window);
        sandbox._control->Armed = armed;
        return 1;
    }
}
