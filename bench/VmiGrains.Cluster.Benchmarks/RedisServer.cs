using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port for one benchmark: membership and grain state
/// of every cluster the benchmark starts. Nothing is persisted (<c>--save ''</c>, no AOF), so killing it
/// leaves no files behind. scripts/bootstrap.sh installs the binary.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const string Binary = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; run ./scripts/bootstrap.sh as root, which installs redis-server");
        }

        var port = TestServices.FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        var server = new RedisServer(Process.Start(start)!, port);
        ChildGuard.Add(server.Dispose);
        _ = server._process.StandardOutput.ReadToEndAsync(); // drained so that a full pipe never blocks it
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {server._process.ExitCode} on port {port}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        server.Dispose();
        throw new TimeoutException($"redis-server did not listen on 127.0.0.1:{port} within 10 s");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
