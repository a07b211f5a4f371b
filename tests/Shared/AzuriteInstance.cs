using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VmiGrains.Testing;

/// <summary>
/// An Azurite process of the test's own, on loopback ports, that the test may stop and start again
/// (same ports, same data folder) — for outages that must not touch the run's shared instance.
/// </summary>
/// <remarks>
/// The first start passes port 0 and reads the ports Azurite bound from its own "successfully listening
/// at" lines. Ports picked beforehand (a listener on port 0, closed, then handed to Azurite) raced the
/// other lane's processes: a port taken in between made Azurite exit, and the fixture waited 60 s for a
/// port nobody would open. A start that fails says why, with Azurite's output.
/// </remarks>
internal sealed partial class AzuriteInstance : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _binary;
    private readonly string _location = Directory.CreateTempSubdirectory("vmigrains-azurite-").FullName;
    private int _blob;
    private int _queue;
    private int _table;
    private Process? _process;

    private AzuriteInstance(string binary) => _binary = binary;

    /// <summary>The connection string of this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={TestServices.AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    /// <summary>Starts Azurite; fails (also without CI) when it is not installed.</summary>
    public static AzuriteInstance Start()
    {
        var binary = new[] { "/usr/bin/azurite", "/usr/local/bin/azurite" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("azurite is not installed (npm install -g azurite); ./scripts/test.sh installs it");
        var instance = new AzuriteInstance(binary);
        instance.Resume();
        return instance;
    }

    /// <summary>Starts the process again on the same ports and data (on free ports of its choosing the first time).</summary>
    public void Resume()
    {
        var output = new ConcurrentQueue<string>();
        var listening = new ConcurrentDictionary<string, int>();
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_binary,
                $"--silent --disableTelemetry --loose --skipApiVersionCheck --location {_location} --blobHost 127.0.0.1 --blobPort {_blob} --queueHost 127.0.0.1 --queuePort {_queue} --tableHost 127.0.0.1 --tablePort {_table}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            output.Enqueue(line);
            if (Listening().Match(line) is { Success: true } m)
            {
                listening[m.Groups["service"].Value] = int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture);
                if (listening.Count == 3)
                {
                    allListening.TrySetResult();
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!allListening.Task.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not listen on all three services within {StartTimeout.TotalSeconds} s";
                Stop();
                throw new InvalidOperationException($"azurite {why}; it said:\n{string.Join('\n', output.TakeLast(20))}");
            }
        }

        (_blob, _queue, _table) = (listening["Blob"], listening["Queue"], listening["Table"]);
    }

    /// <summary>
    /// Stops the process (SIGTERM, so that Azurite saves its data first; it keeps tables in memory between
    /// saves): connections to its ports are refused until <see cref="Resume"/>.
    /// </summary>
    public void Stop()
    {
        if (_process is { HasExited: false } p)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", $"-TERM {p.Id}") { UseShellExecute = false }))
            {
                term?.WaitForExit();
            }

            if (!p.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the temp folder is cleaned by the system
        }
    }

    // Azurite 3: "Azurite Table service is successfully listening at http://127.0.0.1:36913".
    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
