using System.Diagnostics;

namespace VmiGrains.Testing;

/// <summary>
/// An Azurite process of the test's own, on free loopback ports, that the test may stop and start again
/// (same ports, same data folder) — for outages that must not touch the run's shared instance.
/// </summary>
internal sealed class AzuriteInstance : IDisposable
{
    private readonly string _binary;
    private readonly string _location = Directory.CreateTempSubdirectory("vmigrains-azurite-").FullName;
    private readonly int _blob = TestServices.FreePort();
    private readonly int _queue = TestServices.FreePort();
    private readonly int _table = TestServices.FreePort();
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

    /// <summary>Starts the process again on the same ports and data.</summary>
    public void Resume()
    {
        _process = Process.Start(new ProcessStartInfo(_binary,
            $"--silent --disableTelemetry --loose --skipApiVersionCheck --location {_location} --blobHost 127.0.0.1 --blobPort {_blob} --queueHost 127.0.0.1 --queuePort {_queue} --tableHost 127.0.0.1 --tablePort {_table}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        TestServices.WaitForPort(_table, TimeSpan.FromSeconds(60), "azurite");
        TestServices.WaitForPort(_blob, TimeSpan.FromSeconds(20), "azurite");
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
}
