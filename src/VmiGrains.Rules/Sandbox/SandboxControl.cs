using System.Runtime.InteropServices;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Native (unmoving) bookkeeping shared by the allocator, the count hook and the budgeted library
/// functions of one Lua state. Lives in unmanaged memory so the C callbacks reach it through the
/// allocator's user data pointer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SandboxControl
{
    /// <summary>Bytes the Lua state holds now.</summary>
    public long Used;

    /// <summary>Cap on <see cref="Used"/> while <see cref="Armed"/>.</summary>
    public long Limit;

    /// <summary>Cap on one allocation while <see cref="Armed"/>: bounds what any single C call can chew on.</summary>
    public long MaxAllocation;

    /// <summary>1 only inside a protected call: a failed allocation outside one would abort the process.</summary>
    public int Armed;

    /// <summary>Why the current call was stopped (<see cref="SandboxTrip"/>); 0 while it may run.</summary>
    public int Tripped;

    /// <summary>Work units (VM instructions, pattern steps, bytes/64 allocated) left in this call.</summary>
    public long InstructionsLeft;

    /// <summary>Stopwatch timestamp after which <see cref="SandboxClock"/> reckons whether the call is stopped.</summary>
    public long Deadline;

    /// <summary>Stopwatch timestamp after which the call is stopped whatever its CPU time (the wall-clock limit).</summary>
    public long WallDeadline;

    /// <summary>Stopwatch timestamp of the call's start.</summary>
    public long Started;

    /// <summary>Stopwatch timestamp of the last budget check.</summary>
    public long LastCheck;

    /// <summary>The thread's CPU clock (ns) minus the call's CPU so far, once the thread was seen off the CPU; -1 before.</summary>
    public long CpuBaseNs;

    /// <summary>CPU time (ns) the call may use.</summary>
    public long CpuLimitNs;

    /// <summary>Instructions between two count-hook calls.</summary>
    public int HookInterval;

    /// <summary>Size of the allocation refused by <see cref="MaxAllocation"/>, for the message.</summary>
    public long RefusedSize;

    /// <summary>The lua_State* (the hook and the allocator re-hook it when they trip).</summary>
    public nint State;

    /// <summary>The Lua-level hook (<c>debug.sethook</c>'s C side) that raises the trip's error at every instruction.</summary>
    public nint RaiseHook;
}
