using System.Runtime.InteropServices;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Native (unmoving) bookkeeping shared by the allocator and the budget check of one Lua state.
/// Lives in unmanaged memory so the C callbacks reach it through a plain pointer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SandboxControl
{
    /// <summary>Bytes the Lua state holds now.</summary>
    public long Used;

    /// <summary>Cap on <see cref="Used"/> while <see cref="Armed"/>.</summary>
    public long Limit;

    /// <summary>1 only inside a protected call: a failed allocation outside one would abort the process.</summary>
    public int Armed;

    /// <summary>1 once an allocation was refused during the current call.</summary>
    public int MemoryRefused;

    /// <summary>Hook calls left in this evaluation (each hook call = <see cref="SandboxPrelude.HookInterval"/> instructions).</summary>
    public long TicksLeft;

    /// <summary>Stopwatch timestamp after which the evaluation is aborted.</summary>
    public long Deadline;

    /// <summary>0 running, 1 instruction budget spent, 2 wall clock exceeded.</summary>
    public int Tripped;
}
