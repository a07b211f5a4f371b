using System.Diagnostics;
using System.Globalization;
using System.Text;
using VmiGrains.Benchmarking;
using VmiGrains.Integration.Tests.Cluster;
using VmiGrains.Libvirt;
using VmiGrains.Libvirt.Hypervisor;
using VmiGrains.RealVm.Benchmarks;

// Real-guest macro benchmark (run by scripts/bench.sh): boots 2 TCG guests with scripts/kvm-host.sh, then measures
// the cost of one host poll on the qemu driver, the silo's CPU while idle, reaction (burn in the guest → cgroup), and the
// observers' latency (stimulus in the guest → the rule's decision) and tracing cost.
const string Usage = """
    VmiGrains.RealVm.Benchmarks [--trials N] [--burn SECONDS] [--idle SECONDS] [--polls N] [--observers-only]
      --trials N       reaction trials per rule interval, and observer trials (default 30; at least 5)
      --observers-only only the observers' latency and tracing cost
      --burn SECONDS   how long each burn runs in the guest (default 4)
      --idle SECONDS   how long the idle silo's CPU is measured (default 30)
      --polls N        host polls timed (default 200)
    Needs root, libvirtd + qemu (./scripts/bootstrap.sh). Writes markdown to $VMIGRAINS_BENCH_REPORT (or stdout).
    """;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

int Option(string name, int fallback, int min)
{
    var i = Array.IndexOf(args, name);
    if (i < 0)
    {
        return fallback;
    }

    var text = i + 1 < args.Length ? args[i + 1] : string.Empty;
    if (int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min)
    {
        return value;
    }

    Console.Error.WriteLine($"{name}: '{text}' is not a whole number ≥ {min}. {Usage}");
    Environment.Exit(2);
    return fallback;
}

var trials = Option("--trials", 30, 5);
var burn = TimeSpan.FromSeconds(Option("--burn", 4, 2));
var idleSeconds = Option("--idle", 30, 5);
var polls = Option("--polls", 200, 10);
var observersOnly = args.Contains("--observers-only");
void Progress(string message) => Console.Error.WriteLine($"[realvm-bench {DateTime.UtcNow:HH:mm:ss}] {message}");

await using var host = await KvmHost.StartAsync(guests: 2);
Progress($"2 guests up in {host.BootSeconds} s on {host.Uri}");
using var connection = LibvirtConnection.Open(host.Uri);
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"### Real qemu guests ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, 2 TCG guests of 192 MiB, load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
report.AppendLine();

// 1. Cost of one host poll: the product's SampleAllAsync (virConnectGetAllDomainStats + completion) on the qemu driver.
if (!observersOnly)
{
    using (var hypervisor = new LibvirtHypervisor(new LibvirtHypervisorOptions { Uri = host.Uri }))
    {
        await hypervisor.SampleAllAsync(); // connect + first call
        var wall = new List<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < polls; i++)
        {
            var clock = Stopwatch.StartNew();
            var samples = await hypervisor.SampleAllAsync();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            if (samples.Count != 2)
            {
                throw new InvalidOperationException($"a poll returned {samples.Count} samples, not 2");
            }
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / polls;
        var sorted = wall.Order().ToArray();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- **Cost of one host poll** (`SampleAllAsync`, 2 guests, {polls} polls): wall median {BenchStats.Median(wall):0.00} ms, p99 {sorted[(int)(0.99 * (sorted.Length - 1))]:0.00} ms; CPU of the calling process {cpuMs:0.000} ms per poll (libvirtd's own work is in libvirtd).");
    }
}

// 2. A silo managing the host with stats every second, both guests attached to an idle profile pair.
var clusterId = $"vmigrains-bench-realvm-{Guid.NewGuid():N}";
var readToken = Guid.NewGuid().ToString("N");
const string c = "--VmiGrains:Cluster:";
using var silo = new SiloProcess("bench-realvm",
[
    $"{c}ClusterId={clusterId}", $"{c}ServiceId={clusterId}", $"{c}SiloPort={TestServices.FreePort()}",
    $"{c}GatewayPort={TestServices.FreePort()}", $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
    "--VmiGrains:Host:Name=bench-realvm", $"--VmiGrains:Hypervisor:Uri={host.Uri}", "--VmiGrains:Host:StatsInterval=00:00:01",
    $"--VmiGrains:Api:ReadTokens:0={readToken}",
], new Dictionary<string, string>()) { KeepOutput = false };
await silo.StartAsync();
var vmi = new VmiCli(clusterId, $"127.0.0.1:{silo.GatewayPort}");
using var api = new SiloApi(silo.HttpUrl, readToken);
await Eventually.GetAsync(() => vmi.RunAsync("vm", "list"), o => host.Guests.All(g => o.Contains(g.Name, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "guests registered");
var profileDir = Directory.CreateTempSubdirectory("vmig-bench-profiles-").FullName;
var pairs = new[] { BenchProfiles.For(TimeSpan.FromSeconds(1)), BenchProfiles.For(TimeSpan.FromMilliseconds(250)) };
foreach (var path in pairs.SelectMany(p => p.Write(profileDir, hot: 0.3, cool: 0.15)))
{
    await vmi.RunAsync("profile", "apply", "-f", path);
}

foreach (var g in host.Guests)
{
    await vmi.RunAsync("vm", "attach", g.Name, pairs[0].Idle);
}

// 3. The silo's CPU while idle: 2 attached guests, stats every second, rules every second.
await Task.Delay(TimeSpan.FromSeconds(10));
if (!observersOnly)
{
    using (var siloProcess = Process.GetProcessById(silo.ProcessId!.Value))
    {
        var before = siloProcess.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        siloProcess.Refresh();
        var share = (siloProcess.TotalProcessorTime - before).TotalSeconds / clock.Elapsed.TotalSeconds;
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- **Silo CPU while idle** (2 attached guests, stats every 1 s, rules every 1 s, {idleSeconds} s): {share * 100:0.0} % of one core.");
    }
}

// 4. Reaction, for each rule interval side by side.
report.AppendLine();
report.AppendLine("Reaction: `/usr/bin/burn` starts in guest 0 (guest-exec through libvirt) → the silo's 1 s stats poll → the VMI's windows → its");
report.AppendLine("rule (`cpu.last > 0.3` → `switch_profile`) → the host re-plans → libvirt writes `cpu.shares`, polled here every 2 ms.");
report.AppendLine("\"burn → decision\" is the stats poll plus the wait for the rule's tick; \"decision → cgroup\" the re-plan and the libvirt call.");
report.AppendLine();
report.AppendLine("| stats interval | rule interval | trials | total p50 | total p99 | max | burn → decision p50 / p99 | decision → cgroup p50 / p99 | cgroup moved before the rule |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var pair in observersOnly ? [] : pairs)
{
    var guest0 = host.Guests[0];
    await vmi.RunAsync("vm", "attach", guest0.Name, pair.Idle);
    Progress($"reaction with rules every {pair.Interval.TotalMilliseconds} ms");
    var results = await new ReactionBenchmark(connection, api, guest0, pair).RunAsync(trials, burn, Progress);
    if (results.Count == 0)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| 1 s | {pair.Interval.TotalMilliseconds:0} ms | 0 | no trial switched (the guest never reached the threshold) | | | | | |");
        continue;
    }

    static double P(IEnumerable<double> values, double q)
    {
        var s = values.Order().ToArray();
        return s[(int)Math.Ceiling(q * s.Length) - 1];
    }

    var total = results.Select(r => r.TotalMs).ToArray();
    var toDecision = results.Select(r => r.ToDecisionMs).ToArray();
    var toCgroup = results.Select(r => r.ToCgroupMs).ToArray();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| 1 s | {pair.Interval.TotalMilliseconds:0} ms | {results.Count} | {BenchStats.Median(total):0} ms | {P(total, 0.99):0} ms | {total.Max():0} ms | {BenchStats.Median(toDecision):0} / {P(toDecision, 0.99):0} ms | {BenchStats.Median(toCgroup):0} / {P(toCgroup, 0.99):0} ms | {results.Count(r => r.MovedEarlier)} |");
}

report.AppendLine();
Progress("observers");
report.Append(await new ObserverBenchmark(connection, api, vmi, silo.ProcessId!.Value, host.Guests[1]).RunAsync(trials, profileDir, Progress));
report.AppendLine();
await silo.StopAsync();
var target = Environment.GetEnvironmentVariable("VMIGRAINS_BENCH_REPORT");
if (target is { Length: > 0 })
{
    await File.WriteAllTextAsync(target, report.ToString());
}

Console.WriteLine(report.ToString());
return 0;
