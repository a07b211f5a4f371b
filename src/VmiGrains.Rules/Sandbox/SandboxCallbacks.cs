using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The C-callable functions of the sandbox. None of them raises a Lua error (that would longjmp
/// across managed frames); they return values and let Lua code raise.
/// </summary>
internal static unsafe class SandboxCallbacks
{
    /// <summary>lua_Alloc: malloc/realloc/free with a byte cap that applies only while armed.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nint Allocate(nint ud, nint ptr, nuint osize, nuint nsize)
    {
        var control = (SandboxControl*)ud;
        var old = ptr == 0 ? 0 : (long)osize;
        if (nsize == 0)
        {
            if (ptr != 0)
            {
                NativeMemory.Free((void*)ptr);
                control->Used -= old;
            }

            return 0;
        }

        var delta = (long)nsize - old;
        if (control->Armed != 0 && delta > 0 && control->Used + delta > control->Limit)
        {
            control->MemoryRefused = 1;
            return 0;
        }

        var result = (nint)NativeMemory.Realloc((void*)ptr, nsize);
        if (result != 0)
        {
            control->Used += delta;
        }

        return result;
    }

    /// <summary>
    /// Called by the Lua count hook every <see cref="SandboxPrelude.HookInterval"/> instructions.
    /// Returns nothing while within budget, else the reason as a string (the Lua side raises it).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int CheckBudget(nint l)
    {
        var control = (SandboxControl*)LuaNative.lua_touserdata(l, LuaNative.UpvalueIndex(1));
        if (control->Tripped == 0)
        {
            if (--control->TicksLeft < 0)
            {
                control->Tripped = 1;
            }
            else if (Stopwatch.GetTimestamp() > control->Deadline)
            {
                control->Tripped = 2;
            }
        }

        if (control->Tripped == 0)
        {
            return 0;
        }

        // Pushing a string allocates: disarm so a full heap cannot make Lua raise across this frame.
        var armed = control->Armed;
        control->Armed = 0;
        LuaStack.PushString(l, control->Tripped == 1 ? SandboxPrelude.InstructionBudgetMessage : SandboxPrelude.WallClockMessage);
        control->Armed = armed;
        return 1;
    }
}
