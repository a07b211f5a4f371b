using System.Diagnostics;
using System.Text;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// One <c>vmi-silo</c> process (the built vmi-silo.dll) managing one demo host. Kill sends SIGKILL;
/// Stop sends SIGTERM and waits for a graceful exit. Start again re-uses the same ports and settings.
/// Output is kept in memory for assertions and failure messages.
/// </summary>
internal sealed class SiloProcess(string host, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly string SiloDll = BuiltApps.Silo;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Host { get; } = host;

    public int SiloPort { get; } = int.Parse(Arg(args, "SiloPort"), System.Globalization.CultureInfo.InvariantCulture);

    public int GatewayPort { get; } = int.Parse(Arg(args, "GatewayPort"), System.Globalization.CultureInfo.InvariantCulture);

    public string HttpUrl { get; } = Arg(args, "HttpUrl");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The id of the current (or last) process; null before the first start.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Whether <see cref="Dispose"/> keeps the output in a log file (a benchmark reports it on failure instead).</summary>
    public bool KeepOutput { get; init; } = true;

    /// <summary>Everything the process wrote to stdout and stderr, over all its runs.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the process and waits until its silo has joined and its web host answers /healthz.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloDll)!,
        };
        start.ArgumentList.Add(SiloDll);
        start.ArgumentList.Add("--Logging:LogLevel:Orleans=Information"); // provider options are logged: secrets must not be
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"silo of {Host} exited with {process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(new Uri(HttpUrl), "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"silo of {Host} did not answer {HttpUrl}/healthz within 90 s:\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then a graceful exit (the silo leaves the cluster); SIGKILL after 60 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        await SignalAsync("-TERM");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"silo of {Host} did not stop within 60 s of SIGTERM:\n{Tail()}");
        }
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is { HasExited: false } p)
        {
            using var kill = Process.Start("kill", [signal, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 40) =>
        string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>Kills the process and keeps its output in <c>$TMP/vmigrains-it/HOST-PID.log</c> for post-mortems (unless <see cref="KeepOutput"/> is off).</summary>
    public void Dispose()
    {
        var pid = _process?.Id;
        Kill();
        _process?.Dispose();
        if (pid is not null && KeepOutput)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "vmigrains-it"));
            File.WriteAllText(Path.Combine(dir.FullName, $"{Host}-{pid}.log"), Output);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string Arg(IReadOnlyList<string> args, string key) =>
        args.Single(a => a.StartsWith($"--VmiGrains:Cluster:{key}=", StringComparison.Ordinal)).Split('=', 2)[1];
}
