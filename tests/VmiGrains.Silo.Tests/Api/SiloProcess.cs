using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// A real <c>vmi-silo</c> process on free loopback ports, managing the demo host from the libvirt
/// test driver. Its output is kept so that a failing test can show the silo's log.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, string baseUrl, int gatewayPort, string clusterId, int siloPort)
    {
        SiloPort = siloPort;
        _process = process;
        BaseUrl = baseUrl;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "vmi-silo.dll");

    public string BaseUrl { get; }

    public int GatewayPort { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; }

    public string ClusterId { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a silo with <paramref name="settings"/> (<c>Key=value</c>) and waits until its five demo VMIs are listed.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? waitToken = null)
    {
        var (silo, gateway, http) = (FreePort(), FreePort(), FreePort());
        var baseUrl = $"http://127.0.0.1:{http}";
        var clusterId = $"surfaces-{http}";
        var start = Start(new Dictionary<string, string>(settings)
        {
            ["VmiGrains:Host:Name"] = "demo-host-a",
            ["VmiGrains:Hypervisor:Uri"] = $"test://{RepoPaths.Of("tests", "fixtures", "hosts", "demo-host-a.xml")}",
            ["VmiGrains:Host:StatsInterval"] = "00:00:01",
            ["VmiGrains:Cluster:ClusterId"] = clusterId,
            ["VmiGrains:Cluster:SiloPort"] = $"{silo}",
            ["VmiGrains:Cluster:GatewayPort"] = $"{gateway}",
            ["VmiGrains:Cluster:HttpUrl"] = baseUrl,
        });
        var process = new SiloProcess(Process.Start(start)!, baseUrl, gateway, clusterId, silo);
        try
        {
            using var client = process.Client(waitToken);
            await Eventually.GetAsync(
                async () => await client.GetStringAsync("/api/v1/vms"),
                body => body.Contains("web-01", StringComparison.Ordinal) && body.Contains("ci-runner-01", StringComparison.Ordinal),
                TimeSpan.FromSeconds(90), "the silo lists the demo host's VMIs");
            return process;
        }
        catch (Exception ex) when (ex is TimeoutException)
        {
            var log = process.Log;
            await process.DisposeAsync();
            throw new InvalidOperationException($"vmi-silo did not come up on {baseUrl}; its output:\n{log}", ex);
        }
    }

    /// <summary>Runs a silo that is expected to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings)
    {
        var (code, stdout, stderr) = await RunToExitSeparatelyAsync(settings);
        return (code, stdout + stderr);
    }

    /// <summary>Like <see cref="RunToExitAsync"/>, with standard output and standard error apart.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitSeparatelyAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = Start(new Dictionary<string, string>(settings)
        {
            ["VmiGrains:Cluster:SiloPort"] = $"{FreePort()}",
            ["VmiGrains:Cluster:GatewayPort"] = $"{FreePort()}",
        });
        try
        {
            return await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"vmi-silo kept running although it should have refused to start: {ex.Message}", ex);
        }
    }

    /// <summary>An HTTP client for this silo, with <paramref name="token"/> as bearer token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Start(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(SiloDll);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__vmi-silo"] = "Information";
        return start;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort() => TestServices.FreePort();
}
