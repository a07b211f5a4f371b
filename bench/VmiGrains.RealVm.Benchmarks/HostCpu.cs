using System.Globalization;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>
/// CPU time of the host processes one observed VMI costs: the silo, libvirtd (it relays every agent
/// command) and the guest's qemu (the guest's own work, the observer's scripts and tracer included),
/// read from <c>/proc/PID/stat</c> (utime + stime, in clock ticks of 10 ms).
/// </summary>
internal sealed record HostCpu(double SiloSeconds, double LibvirtdSeconds, double QemuSeconds)
{
    private const double TicksPerSecond = 100;

    /// <summary>A reading now: the silo's pid, every libvirtd/virtqemud, and the qemu whose command line names <paramref name="guestName"/>.</summary>
    public static HostCpu Read(int siloPid, string guestName)
    {
        double silo = 0, libvirtd = 0, qemu = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                var isQemu = comm.StartsWith("qemu-system", StringComparison.Ordinal)
                    && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(guestName, StringComparison.Ordinal);
                if (pid != siloPid && comm is not ("libvirtd" or "virtqemud") && !isQemu)
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                if (pid == siloPid)
                {
                    silo += seconds;
                }
                else if (isQemu)
                {
                    qemu += seconds;
                }
                else
                {
                    libvirtd += seconds;
                }
            }
            catch (IOException)
            {
                // the process ended while it was read
            }
        }

        return new HostCpu(silo, libvirtd, qemu);
    }

    /// <summary>The share of one core each process used between <paramref name="before"/> and this reading, <paramref name="seconds"/> apart.</summary>
    public HostCpu Since(HostCpu before, double seconds) =>
        new((SiloSeconds - before.SiloSeconds) / seconds, (LibvirtdSeconds - before.LibvirtdSeconds) / seconds, (QemuSeconds - before.QemuSeconds) / seconds);
}
