using System.Diagnostics;
using VmiGrains.Integration.Tests.Cluster;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// A <c>vmi-silo</c> process of its own cluster managing the private host (<c>VmiGrains:Hypervisor:Uri</c>,
/// stats every second), and the real <c>vmi</c> against it.
/// </summary>
internal sealed class RealVmSilo : IDisposable
{
    private readonly SiloProcess _silo;

    private RealVmSilo(SiloProcess silo, string clusterId)
    {
        _silo = silo;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }

    /// <summary>Starts the silo with <paramref name="extra"/> arguments on top of the host's (<c>--Section:Key=value</c>).</summary>
    public static async Task<RealVmSilo> StartAsync(RealVmHost host, params string[] extra)
    {
        var clusterId = $"vmigrains-realvm-{Guid.NewGuid():N}";
        var silo = Process(host, clusterId, extra);
        try
        {
            await silo.StartAsync();
            return new RealVmSilo(silo, clusterId);
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The <c>vmi-silo</c> process itself (not started), for tests that kill and restart it: manages the fixture's libvirtd
    /// with stats every second, plus <paramref name="extra"/> settings and <paramref name="environment"/>.
    /// </summary>
    public static SiloProcess Process(RealVmHost host, string clusterId, IReadOnlyList<string> extra, IReadOnlyDictionary<string, string>? environment = null)
    {
        const string c = "--VmiGrains:Cluster:";
        return new SiloProcess("realvm-host",
        [
            $"{c}ClusterId={clusterId}",
            $"{c}ServiceId={clusterId}",
            $"{c}SiloPort={TestServices.FreePort()}",
            $"{c}GatewayPort={TestServices.FreePort()}",
            $"{c}HttpUrl=http://127.0.0.1:{TestServices.FreePort()}",
            "--VmiGrains:Host:Name=realvm-host",
            $"--VmiGrains:Hypervisor:Uri={host.Uri}",
            "--VmiGrains:Host:StatsInterval=00:00:01",
            .. extra,
        ], environment ?? new Dictionary<string, string>());
    }

    /// <summary>Runs <c>vmi ARGS</c> (give <c>--gateway</c>) against cluster <paramref name="clusterId"/>; asserts it succeeded.</summary>
    public static async Task<string> VmiForAsync(string clusterId, params string[] args)
    {
        var result = await TryVmiForAsync(clusterId, args);
        Assert.True(result.ExitCode == 0, $"vmi {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Runs <c>vmi ARGS</c> (give <c>--gateway</c>) against cluster <paramref name="clusterId"/>.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> TryVmiForAsync(string clusterId, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = clusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = clusterId;
        foreach (var arg in (string[])[BuiltApps.Cli, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs <c>vmi --gateway … ARGS</c> and asserts it succeeded; returns stdout.</summary>
    public Task<string> VmiAsync(params string[] args) => VmiForAsync(ClusterId, ["--gateway", $"127.0.0.1:{_silo.GatewayPort}", .. args]);

    /// <summary><c>vmi -o json ARGS</c>, parsed.</summary>
    public async Task<System.Text.Json.JsonDocument> JsonAsync(params string[] args) => System.Text.Json.JsonDocument.Parse(await VmiAsync(["-o", "json", .. args]));

    /// <summary>Applies an example profile (examples/profiles/ID.json).</summary>
    public Task ApplyExampleProfileAsync(string id) => VmiAsync("profile", "apply", "-f", RepoPaths.Of("examples", "profiles", id + ".json"));

    /// <summary>Runs <c>vmi --gateway … ARGS</c>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> TryVmiAsync(params string[] args) => TryVmiForAsync(ClusterId, ["--gateway", $"127.0.0.1:{_silo.GatewayPort}", .. args]);

    /// <summary>Waits until the silo registered <paramref name="guest"/>.</summary>
    public Task WaitRegisteredAsync(RealVmGuest guest) =>
        Eventually.GetAsync(() => TryVmiAsync("vm", "list"), r => r.Stdout.Contains(guest.Name, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"{guest.Name} registered by the silo");

    public void Dispose() => _silo.Dispose();
}
