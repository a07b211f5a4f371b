using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The two clocks of a call. Its CPU time is what the rule costs and what
/// <see cref="RulesOptions.CpuTimeLimit"/> bounds; its elapsed time also counts the moments the
/// machine did not run it (preemption on a busy host, a GC pause) and is bounded by the larger
/// <see cref="RulesOptions.WallClockLimit"/>.
/// <para>
/// Every budget check reads only the cheap wall clock (every 100 instructions, every 1,024 pattern
/// steps, every allocation of 1 KiB or more). While no two checks are more than
/// <see cref="StallGap"/> apart the thread has been running, so elapsed time is its CPU time and
/// the call stops at start + CPU limit without a system call. A longer gap is the thread being off
/// the CPU: from then on the thread's own CPU clock (<c>CLOCK_THREAD_CPUTIME_ID</c>, one system call
/// per gap and per deadline) decides, counting the time before the gap as CPU and none of the gap.
/// </para>
/// </summary>
internal static unsafe partial class SandboxClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Two checks further apart than this mean the thread was not running (work between checks is bounded far below it).</summary>
    private static readonly long StallGap = Stopwatch.Frequency / 1000;

    /// <summary>Arms the clocks of a call that starts now.</summary>
    public static void Start(SandboxControl* control, SandboxLimits limits)
    {
        var now = Stopwatch.GetTimestamp();
        control->Started = now;
        control->LastCheck = now;
        control->CpuBaseNs = -1;
        control->CpuLimitNs = (long)(limits.CpuTime.TotalMilliseconds * 1_000_000);
        control->WallDeadline = now + ToTicks(limits.WallClock.TotalMilliseconds * 1_000_000);
        control->Deadline = Math.Min(now + ToTicks(control->CpuLimitNs), control->WallDeadline);
    }

    /// <summary>
    /// A budget check: the trip that stops the call (<see cref="SandboxTrip.CpuTime"/> or
    /// <see cref="SandboxTrip.WallClock"/>), or <see cref="SandboxTrip.None"/> while it may go on.
    /// </summary>
    public static int Poll(SandboxControl* control)
    {
        var now = Stopwatch.GetTimestamp();
        var previous = control->LastCheck;
        control->LastCheck = now;
        if (now - previous > StallGap)
        {
            if (control->CpuBaseNs < 0)
            {
                // Running until the previous check, then off the CPU: that much CPU is spent.
                control->CpuBaseNs = ThreadCpuNanoseconds() - ToNanoseconds(previous - control->Started);
            }

            return Reckon(control, now);
        }

        return now > control->Deadline ? Reckon(control, now) : SandboxTrip.None;
    }

    private static int Reckon(SandboxControl* control, long now)
    {
        var used = control->CpuBaseNs < 0 ? ToNanoseconds(now - control->Started) : ThreadCpuNanoseconds() - control->CpuBaseNs;
        if (used >= control->CpuLimitNs)
        {
            return SandboxTrip.CpuTime;
        }

        if (now >= control->WallDeadline)
        {
            return SandboxTrip.WallClock;
        }

        control->Deadline = Math.Min(now + ToTicks(control->CpuLimitNs - used), control->WallDeadline);
        return SandboxTrip.None;
    }

    private static long ToTicks(double nanoseconds) => (long)(nanoseconds * Stopwatch.Frequency / 1_000_000_000);

    private static long ToNanoseconds(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    private static long ThreadCpuNanoseconds()
    {
        TimeSpec ts;
        return clock_gettime(ClockThreadCpuTimeId, &ts) == 0 ? (ts.Seconds * 1_000_000_000) + ts.Nanoseconds : 0;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, TimeSpec* ts);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
