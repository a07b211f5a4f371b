using System.Diagnostics;

namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>
/// A real <c>vmi-silo</c> process on free loopback ports, managing demo-host-a through libvirt's test
/// driver (statistics polling off, so only the tests' telemetry reaches the VMIs). Killed on dispose.
/// </summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private Process? _silo;
    private readonly List<string> _log = [];

    public string Gateway { get; private set; } = string.Empty;

    /// <summary>The silo's REST API (anonymous: no tokens configured), for a test's setup without a <c>vmi</c> process per step.</summary>
    public Uri HttpUrl { get; private set; } = null!;


    public Task<VmiProcess.Result> VmiAsync(params string[] args) => VmiProcess.RunAsync(["--gateway", Gateway, .. args]);

    public async Task InitializeAsync()
    {
        var gatewayPort = TestServices.FreePort();
        var httpPort = TestServices.FreePort();
        Gateway = $"127.0.0.1:{gatewayPort}";
        HttpUrl = new Uri($"http://127.0.0.1:{httpPort}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            BuiltApps.Silo,
            "--VmiGrains:Host:Name=demo-host-a",
            $"--VmiGrains:Hypervisor:Uri=test://{RepoPaths.Of("tests", "fixtures", "hosts", "demo-host-a.xml")}",
            "--VmiGrains:Host:StatsInterval=00:00:00",
            "--VmiGrains:Rollout:SoakPeriod=00:00:01",
            $"--VmiGrains:Cluster:SiloPort={TestServices.FreePort()}",
            $"--VmiGrains:Cluster:GatewayPort={gatewayPort}",
            $"--VmiGrains:Cluster:HttpUrl=http://127.0.0.1:{httpPort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _silo = Process.Start(start)!;
        _silo.OutputDataReceived += (_, e) => { lock (_log) { _log.Add(e.Data ?? string.Empty); } };
        _silo.ErrorDataReceived += (_, e) => { lock (_log) { _log.Add(e.Data ?? string.Empty); } };
        _silo.BeginOutputReadLine();
        _silo.BeginErrorReadLine();
        
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (_silo.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"vmi-silo did not start: {string.Join('\n', _log.TakeLast(30))}");
            }

            var list = await VmiAsync("-o", "json", "vm", "list");
            if (list.ExitCode == 0 && list.Stdout.Split("\"vmi_id\"").Length - 1 >= 5)
            {
                return;
            }

            await Task.Delay(500);
        }
    }

    public Task DisposeAsync()
    {
        if (_silo is { HasExited: false })
        {
            _silo.Kill(entireProcessTree: true);
            _silo.WaitForExit(10_000);
        }

        _silo?.Dispose();
        return Task.CompletedTask;
    }
}
