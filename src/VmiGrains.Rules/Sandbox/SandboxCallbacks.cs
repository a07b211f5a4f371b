using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The C-callable functions of the sandbox. None of them raises a Lua error (that would longjmp
/// across managed frames): when a budget is spent they <em>trip</em> the state — record why and
/// install the Lua-level raising hook with count 1 — so the very next VM instruction raises, and
/// keeps raising, which a rule's own <c>pcall</c> cannot swallow.
/// </summary>
internal static unsafe class SandboxCallbacks
{
    /// <summary>Allocations at least this large are charged to the budget and read the clock.</summary>
    private const long ChargedAllocation = 1024;

    /// <summary>
    /// lua_Alloc: malloc/realloc/free with a total cap and a per-allocation cap that apply only
    /// while armed. Large allocations are the output of linear-time C functions (upper, rep, concat,
    /// gsub …), so they are charged one unit per 64 bytes and check the deadline.
    /// </summary>
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
        if (control->Armed != 0 && delta > 0)
        {
            if ((long)nsize > control->MaxAllocation)
            {
                control->RefusedSize = (long)nsize;
                Trip(control, SandboxTrip.AllocationSize);
                return 0;
            }

            if (control->Used + delta > control->Limit)
            {
                Trip(control, SandboxTrip.Memory);
                return 0;
            }

            if (delta >= ChargedAllocation)
            {
                Charge(control, delta >> 6);
            }
        }

        var result = (nint)NativeMemory.Realloc((void*)ptr, nsize);
        if (result != 0)
        {
            control->Used += delta;
        }

        return result;
    }

    /// <summary>lua_Hook for count events: spends the interval and reads the clock; trips when either is over.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void CountHook(nint l, nint ar)
    {
        var control = ControlOf(l);
        if (control->Armed != 0 && control->Tripped == SandboxTrip.None)
        {
            Charge(control, control->HookInterval);
        }
    }

    /// <summary>
    /// <c>trip_message()</c>, called by the raising Lua hook: the reason of the trip as a string
    /// (nothing when the state is not tripped).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int TripMessage(nint l)
    {
        var control = ControlOf(l);
        var message = MessageFor(control->Tripped, control);
        if (message is null)
        {
            return 0;
        }

        // Pushing a string allocates: disarm so a full heap cannot make Lua raise across this frame.
        var armed = control->Armed;
        control->Armed = 0;
        LuaStack.PushString(l, message);
        control->Armed = armed;
        return 1;
    }

    /// <summary>
    /// <c>charge(units)</c>: library wrappers pay for the linear work of the C function they are
    /// about to call (elements of <c>table.concat</c>, bytes of <c>utf8.len</c> …).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int ChargeUnits(nint l)
    {
        var control = ControlOf(l);
        var units = LuaNative.lua_tointegerx(l, 1, null);
        if (control->Armed != 0 && control->Tripped == SandboxTrip.None && units > 0)
        {
            Charge(control, units);
        }

        return 0;
    }

    /// <summary>What a rule author reads for trip <paramref name="tripped"/>; null when nothing tripped.</summary>
    public static string? MessageFor(int tripped, SandboxControl* control) => tripped switch
    {
        SandboxTrip.Instructions => SandboxPrelude.InstructionBudgetMessage,
        SandboxTrip.WallClock => SandboxPrelude.WallClockMessage,
        SandboxTrip.CpuTime => SandboxPrelude.CpuTimeMessage,
        SandboxTrip.Memory => SandboxPrelude.MemoryMessage,
        SandboxTrip.AllocationSize => SandboxPrelude.AllocationMessage(control->RefusedSize, control->MaxAllocation),
        _ => null,
    };

    /// <summary>The control block of a state: the allocator's user data.</summary>
    public static SandboxControl* ControlOf(nint l)
    {
        nint ud;
        _ = LuaNative.lua_getallocf(l, &ud);
        return (SandboxControl*)ud;
    }

    /// <summary>Spends <paramref name="units"/> and reads the clock; trips when either is over.</summary>
    public static void Charge(SandboxControl* control, long units)
    {
        control->InstructionsLeft -= units;
        if (control->InstructionsLeft < 0)
        {
            Trip(control, SandboxTrip.Instructions);
        }
        else if (SandboxClock.Poll(control) is var trip and not SandboxTrip.None)
        {
            Trip(control, trip);
        }
    }

    /// <summary>Records why and makes every further instruction raise (lua_sethook is safe from hooks and allocators).</summary>
    public static void Trip(SandboxControl* control, int reason)
    {
        if (control->Tripped != SandboxTrip.None)
        {
            return;
        }

        control->Tripped = reason;
        LuaNative.lua_sethook(control->State, control->RaiseHook, LuaNative.MaskCount, 1);
    }
}
