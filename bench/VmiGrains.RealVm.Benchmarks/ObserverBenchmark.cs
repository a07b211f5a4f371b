using System.Diagnostics;
using System.Globalization;
using VmiGrains.Benchmarking;
using VmiGrains.Integration.Tests.RealVm;
using VmiGrains.Libvirt;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>
/// The observers on a real guest at 2 s and 1 s (the shortest) side by side: from a stimulus (timed in the guest,
/// and from the host's guest-exec that starts it) to the decision of the rule that reacted to its event — a login (a utmp
/// record, <c>login</c>), a process of
/// an observed application starting (<c>app_start</c>), a traced application's child calling <c>execve</c>
/// (<c>syscall</c>) —; what observing costs the host while nothing happens (silo, libvirtd and the guest's qemu,
/// against the same VMI attached without observers); and what tracing costs the traced application: the time of
/// 200,000 one-byte <c>dd</c> copies (400,000 system calls) in its tree, traced and not.
/// </summary>
internal sealed class ObserverBenchmark(LibvirtConnection connection, SiloApi api, VmiCli vmi, int siloPid, (string Name, Guid Uuid) guest)
{
    private const double CostSeconds = 30;

    private static string Profile(TimeSpan interval) => $$"""
        {
          "id": "bench-observe-{{interval.TotalSeconds:0}}s", "name": "Observer latency",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "observers": { "interval": "{{interval.TotalSeconds:0}}s", "users": true, "applications": ["vmig-probe"], "syscalls": { "applications": ["vmig-srv"], "calls": ["execve"] } },
          "behavioral_rules": [ { "name": "seen", "source": "function on_event(vmi, e)\n  if e.name == 'app_start' and e.fields.app == 'vmig-probe' then return emit('seen_app', {}) end\n  if e.name == 'syscall' and e.fields.path == '/bin/true' then return emit('seen_syscall', {}) end\n  if e.name == 'login' and e.fields.user == 'vmig' then return emit('seen_login', {}) end\nend\n" } ]
        }
        """;

    // vmig-srv: a traced application that runs /bin/true (mark) or a syscall-heavy dd (load) when told through a fifo.
    private const string Setup =
        "printf '#!/bin/sh\\nsleep 4\\n' > /run/vmig-probe; "
        + "printf '#!/bin/sh\\n[ -p /run/vmig-fifo ] || mkfifo /run/vmig-fifo\\nwhile :; do read -r cmd < /run/vmig-fifo; case \"$cmd\" in mark) /bin/true ;; load) a=$(cut -d\" \" -f1 /proc/uptime); dd if=/dev/zero of=/dev/null bs=1 count=200000 2>/dev/null; b=$(cut -d\" \" -f1 /proc/uptime); echo \"$a $b\" > /run/vmig-load ;; esac; done\\n' > /run/vmig-srv; "
        + "chmod +x /run/vmig-probe /run/vmig-srv";

    public async Task<string> RunAsync(int trials, string profileDir, Action<string> progress)
    {
        await Guests.ShellAsync(connection, guest.Uuid, Setup);
        Guests.Start(connection, guest.Uuid, "/bin/sh", "-c", "exec /run/vmig-srv");
        await Task.Delay(1000);
        var untraced = await LoadSecondsAsync();
        var unobserved = await CostAsync(); // attached to the caller's profile, which observes nothing

        var rows = new List<(TimeSpan Interval, Latencies Login, Latencies App, Latencies Syscall, HostCpu Cost)>();
        foreach (var interval in new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1) })
        {
            var path = Path.Combine(profileDir, $"bench-observe-{interval.TotalSeconds:0}s.json");
            await File.WriteAllTextAsync(path, Profile(interval));
            await vmi.RunAsync("profile", "apply", "-f", path);
            await vmi.RunAsync("vm", "attach", guest.Name, $"bench-observe-{interval.TotalSeconds:0}s");
            await Task.Delay(TimeSpan.FromSeconds(6)); // the baseline poll, strace attached to vmig-srv
            var cost = await CostAsync();
            var login = new Latencies();
            var app = new Latencies();
            var syscall = new Latencies();
            var phase = new Random(22);
            for (var i = 0; i < trials; i++)
            {
                app.Add(await TrialAsync("seen_app", () => Guests.Start(connection, guest.Uuid, "/bin/sh", "-c", $"{Stamp}; exec /run/vmig-probe")));
                await Task.Delay(phase.Next(2000));
                syscall.Add(await TrialAsync("seen_syscall", () => Guests.Start(connection, guest.Uuid, "/bin/sh", "-c", $"{Stamp}; echo mark > /run/vmig-fifo")));
                await Task.Delay(phase.Next(2000));
                var record = GuestUtmp.Record("vmig", "pts/9", DateTimeOffset.UtcNow);
                login.Add(await TrialAsync("seen_login", () => Guests.Start(connection, guest.Uuid, "/bin/sh", "-c", $"{Stamp}; {GuestUtmp.AppendCommand(record)}")));
                await Guests.ShellAsync(connection, guest.Uuid, $"rm -f {GuestUtmp.Path}"); // the logout, seen by a later poll
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"observer trial {i + 1} at {interval.TotalSeconds:0} s (from exec / in guest): login {login.FromExec[^1]:0}/{login.InGuest[^1]:0} ms, app_start {app.FromExec[^1]:0}/{app.InGuest[^1]:0} ms, syscall {syscall.FromExec[^1]:0}/{syscall.InGuest[^1]:0} ms"));
                await Task.Delay(4500 + phase.Next(2000)); // the probe (sleep 4) ends; a random phase against the poll
            }

            rows.Add((interval, login, app, syscall, cost));
        }

        var traced = await LoadSecondsAsync();
        await vmi.RunAsync("vm", "detach", guest.Name);
        await Guests.ShellAsync(connection, guest.Uuid, "pkill -f vmig-srv; rm -f /run/vmig-probe /run/vmig-srv /run/vmig-fifo /run/vmig-load; exit 0");
        return Report(rows, unobserved, untraced, traced);
    }

    private static string Report(List<(TimeSpan Interval, Latencies Login, Latencies App, Latencies Syscall, HostCpu Cost)> rows, HostCpu unobserved, double untraced, double traced)
    {
        static double P(IEnumerable<double> values, double q)
        {
            var s = values.Order().ToArray();
            return s[(int)Math.Ceiling(q * s.Length) - 1];
        }

        var report = new System.Text.StringBuilder();
        report.AppendLine("Observers: from the stimulus to the decision of the rule that reacted to its event. \"In guest\": from the moment the stimulus's");
        report.AppendLine("shell read the guest's `/proc/uptime` (mapped to the host's clock through a guest-file-read of it, error ≤ half its round trip");
        report.AppendLine("+ 10 ms); \"from exec\": from the host's guest-exec that started it (adds the agent's time to start the process, 10–20 ms here).");
        report.AppendLine("Goal (issue 22): p99 ≤ 2 s for processes and system calls at the default interval.");
        report.AppendLine();
        report.AppendLine("| interval | observer | stimulus | trials | in guest p50 | in guest p99 | from exec p50 | from exec p99 | max (from exec) |");
        report.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (interval, login, app, syscall, _) in rows)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0} s{(interval == VmiGrains.Abstractions.Profiles.ObserverSettings.DefaultInterval ? " (default)" : string.Empty)}");
            foreach (var (observer, stimulus, l) in new[]
            {
                ("users", "a utmp login record is written", login),
                ("applications", "a `vmig-probe` process starts", app),
                ("syscalls", "the traced app's child calls `execve(\"/bin/true\")`", syscall),
            })
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {observer} | {stimulus} | {l.FromExec.Count} | {BenchStats.Median(l.InGuest):0} ms | {P(l.InGuest, 0.99):0} ms | {BenchStats.Median(l.FromExec):0} ms | {P(l.FromExec, 0.99):0} ms | {l.FromExec.Max():0} ms |");
            }
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Host CPU of one observed VMI while nothing happens ({CostSeconds:0} s each; % of one core; the users, applications and syscalls observers, strace attached to one idle process):");
        report.AppendLine();
        report.AppendLine("| observers | silo | libvirtd | guest's qemu | observers' share (all three, minus unobserved) |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| none (attached, unobserved) | {unobserved.SiloSeconds * 100:0.0} % | {unobserved.LibvirtdSeconds * 100:0.0} % | {unobserved.QemuSeconds * 100:0.0} % | — |");
        var baseline = unobserved.SiloSeconds + unobserved.LibvirtdSeconds + unobserved.QemuSeconds;
        foreach (var (interval, _, _, _, cost) in rows)
        {
            var extra = cost.SiloSeconds + cost.LibvirtdSeconds + cost.QemuSeconds - baseline;
            report.AppendLine(CultureInfo.InvariantCulture, $"| every {interval.TotalSeconds:0} s | {cost.SiloSeconds * 100:0.0} % | {cost.LibvirtdSeconds * 100:0.0} % | {cost.QemuSeconds * 100:0.0} % | {extra * 100:0.0} % |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- **Tracing cost** (strace -f attached to the traced app, `execve` traced; 200,000 one-byte `dd` copies = 400,000 system calls in its tree): {untraced:0.00} s untraced, {traced:0.00} s traced ({traced / untraced:0.0}× the time; attaching with `-p` cannot use strace's seccomp filter, so every call stops in ptrace).");
        return report.ToString();
    }

    private async Task<HostCpu> CostAsync()
    {
        var before = HostCpu.Read(siloPid, guest.Name);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(CostSeconds));
        return HostCpu.Read(siloPid, guest.Name).Since(before, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Written first by every stimulus's shell: the guest's uptime then, for the in-guest latency.</summary>
    private const string Stamp = "read -r u _ < /proc/uptime; echo \"$u\" > /run/vmig-t0";

    private async Task<(double FromExec, double InGuest)> TrialAsync(string emitted, Action stimulus)
    {
        await Guests.ShellAsync(connection, guest.Uuid, "rm -f /run/vmig-t0");
        var started = DateTimeOffset.UtcNow;
        stimulus();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await api.EmitSinceAsync(guest.Name, emitted, started) is { } at)
            {
                var stamp = double.Parse((await Guests.ShellAsync(connection, guest.Uuid, "cat /run/vmig-t0")).Trim(), CultureInfo.InvariantCulture);
                var (boot, _) = Guests.UptimeOrigin(connection, guest.Uuid);
                return ((at - started).TotalMilliseconds, (at - (boot + TimeSpan.FromSeconds(stamp))).TotalMilliseconds);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no {emitted} decision within 20 s of the stimulus");
    }

    /// <summary>One observer's trials, both ways of timing them.</summary>
    private sealed class Latencies
    {
        public List<double> FromExec { get; } = [];

        public List<double> InGuest { get; } = [];

        public void Add((double FromExec, double InGuest) trial)
        {
            FromExec.Add(trial.FromExec);
            InGuest.Add(trial.InGuest);
        }
    }

    private async Task<double> LoadSecondsAsync()
    {
        await Guests.ShellAsync(connection, guest.Uuid, "rm -f /run/vmig-load; echo load > /run/vmig-fifo");
        for (var i = 0; i < 600; i++)
        {
            var text = await Guests.ShellAsync(connection, guest.Uuid, "cat /run/vmig-load 2>/dev/null; exit 0");
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
            {
                return double.Parse(parts[1], CultureInfo.InvariantCulture) - double.Parse(parts[0], CultureInfo.InvariantCulture);
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the load in the traced application did not finish in 5 minutes");
    }
}
