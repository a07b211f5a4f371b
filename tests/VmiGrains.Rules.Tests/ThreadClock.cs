using System.Runtime.InteropServices;

namespace VmiGrains.Rules.Tests;

/// <summary>The calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>): robust on a loaded machine, where wall time is not.</summary>
internal static partial class ThreadClock
{
    public static TimeSpan CpuTime()
    {
        const int ClockThreadCpuTimeId = 3;
        Assert.Equal(0, clock_gettime(ClockThreadCpuTimeId, out var ts));
        return TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100));
    }

    /// <summary>
    /// How long the calling thread has waited, runnable, for a core (the second field of
    /// <c>/proc/thread-self/schedstat</c>, in nanoseconds): elapsed time that was the machine's, not the code's.
    /// </summary>
    public static TimeSpan RunQueueWait()
    {
        var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
        return TimeSpan.FromTicks(long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) / 100);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clockId, out TimeSpec ts);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
