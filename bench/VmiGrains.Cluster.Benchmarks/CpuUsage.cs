using System.Diagnostics;
using System.Globalization;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// CPU seconds (user + system) of each silo process, this driver (the Orleans client) and redis-server
/// — <c>/proc/PID/stat</c> through <see cref="Process.TotalProcessorTime"/> — and of the whole machine
/// (<c>/proc/stat</c>, which also counts other users' work on a shared machine), with the wall time they
/// were spent in. Differences of two samples give a phase's use; CPU ÷ wall is cores kept busy.
/// </summary>
internal sealed record CpuUsage(IReadOnlyList<double> Silos, double Driver, double Redis, double Machine, double Wall)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Clock ticks per second of /proc/stat (USER_HZ), 100 on every Linux the SDK supports.</summary>
    private const double UserHz = 100;

    public static CpuUsage Zero(int silos) => new(new double[silos], 0, 0, 0, 0);

    public static CpuUsage Take(IEnumerable<int> silos, int redis) =>
        new([.. silos.Select(Seconds)], Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Seconds(redis), MachineSeconds(), Clock.Elapsed.TotalSeconds);

    public static CpuUsage operator -(CpuUsage after, CpuUsage before) => Combine(after, before, -1);

    public static CpuUsage operator +(CpuUsage a, CpuUsage b) => Combine(a, b, 1);

    public double SiloTotal => Silos.Sum();

    /// <summary>Cores kept busy by the silos, the driver and redis-server together.</summary>
    public double Cores => Wall > 0 ? (SiloTotal + Driver + Redis) / Wall : 0;

    /// <summary>Cores kept busy on the whole machine, by anyone.</summary>
    public double MachineCores => Wall > 0 ? Machine / Wall : 0;

    private static CpuUsage Combine(CpuUsage a, CpuUsage b, int sign) =>
        new([.. a.Silos.Zip(b.Silos, (x, y) => x + (sign * y))], a.Driver + (sign * b.Driver), a.Redis + (sign * b.Redis), a.Machine + (sign * b.Machine), a.Wall + (sign * b.Wall));

    private static double Seconds(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime.TotalSeconds;
    }

    // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..."; busy is all but idle and iowait.
    private static double MachineSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Take(8).Sum() - fields[3] - fields[4]) / UserHz;
    }
}
