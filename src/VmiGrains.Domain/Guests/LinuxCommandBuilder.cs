using System.Globalization;
using System.Text;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// Linux guest commands. Start: <c>/usr/bin/nice -n N</c> (relative to qemu-ga's own nice, which is 0
/// under systemd) around <c>/usr/bin/timeout --kill-after=5s Ts</c> around the program, so the pid QGA
/// returns carries the nice value and the time limit kills the program's whole process group.
/// Re-prioritise: <c>pgrep -x</c> finds the processes by name (the kernel keeps 15 characters of a
/// name, so longer names are matched on those), then <c>renice</c> sets every thread of each, since
/// Linux nice is per thread.
/// </summary>
internal sealed class LinuxCommandBuilder : IGuestCommandBuilder
{
    internal const string Nice = "/usr/bin/nice";
    internal const string Timeout = "/usr/bin/timeout";
    internal const string Shell = "/bin/sh";
    internal const string Pgrep = "/usr/bin/pgrep";
    internal const string Kill = "/bin/kill";

    /// <summary>How long a timed-out program may ignore SIGTERM before SIGKILL.</summary>
    internal const string KillAfter = "--kill-after=5s";

    /// <summary>$1 = pid of the wrapper QGA started.</summary>
    internal const string TerminateScript =
        "/bin/kill -TERM -- -\"$1\" 2>/dev/null || /bin/kill -TERM -- \"$1\" || exit 1; "
        + "( sleep 1; /bin/kill -TERM -- -\"$1\" ) >/dev/null 2>&1 </dev/null & exit 0";

    /// <summary>$1 = pgrep pattern, $2 = nice. Prints each pid whose threads were all reniced.</summary>
    internal const string ReniceScript =
        "pids=$(/usr/bin/pgrep -x -- \"$1\") || exit 0; "
        + "for pid in $pids; do "
        + "( cd /proc/\"$pid\"/task && /usr/bin/renice -n \"$2\" -p * ) >/dev/null 2>&1 && echo \"$pid\"; "
        + "done; exit 0";

    private const int CommLength = 15;

    public GuestOsFamily Family => GuestOsFamily.Linux;

    public GuestCommand Start(ExecRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var argv = new List<string>();
        if (request.Nice is { } nice)
        {
            argv.AddRange([Nice, "-n", nice.ToString(CultureInfo.InvariantCulture)]);
        }

        if (request.Timeout is { } limit)
        {
            argv.AddRange([Timeout, KillAfter, Seconds(limit)]);
        }

        argv.Add(request.Path);
        argv.AddRange(request.Args);
        return new GuestCommand(argv[0], argv[1..]);
    }

    public GuestCommand Reprioritise(string app, int nice) =>
        new(Shell, ["-c", ReniceScript, "vmigrains-renice", Pattern(app), nice.ToString(CultureInfo.InvariantCulture)]);

    public GuestCommand FindProcesses(string app) => new(Pgrep, ["-x", "--", Pattern(app)]);

    /// <summary>
    /// SIGTERM to the wrapper's process group (<c>timeout</c> leads its own group, which the program
    /// inherits), or to the pid alone when it leads none (no time limit), and once more to the group
    /// a second later. A signal that meets <c>timeout</c> around its fork can end <c>timeout</c>
    /// without reaching the program, which then runs on as an orphan holding qemu-ga's output pipes,
    /// so the run stays "running" (signalling the pid alone: 48 of 300 tries orphaned; the group:
    /// 2 of 300; the group and the delayed repeat, which finds the orphan still in that group: 0 of 300).
    /// </summary>
    public GuestCommand Terminate(long pid) => new(Shell, ["-c", TerminateScript, "vmigrains-terminate", pid.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>124: <c>timeout</c> sent SIGTERM; 137: the program ignored it and got SIGKILL.</summary>
    public bool IsTimeoutExit(int exitCode) => exitCode is 124 or 137;

    /// <summary>An anchored-by-<c>-x</c> extended regex matching <paramref name="app"/> literally.</summary>
    internal static string Pattern(string app)
    {
        var name = app.Length > CommLength ? app[..CommLength] : app;
        var sb = new StringBuilder(name.Length * 2);
        foreach (var c in name)
        {
            if (@"\.^$|?*+()[]{}".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Whole seconds when exact, else milliseconds as a decimal (coreutils accepts fractions).</summary>
    internal static string Seconds(TimeSpan limit) => limit.Ticks % TimeSpan.TicksPerSecond == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)limit.TotalSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(limit.TotalMilliseconds) / 1000.0:0.###}s");
}
