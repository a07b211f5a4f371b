using System.Diagnostics;
using System.Net.Sockets;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// A redis-server of one test on a free loopback port, without persistence (no RDB, no AOF), as the
/// shared one of scripts/lib/services.sh but owned by the test: <see cref="RestartEmpty"/> kills it
/// with SIGKILL and starts it again on the same port with no data, as a Redis without persistence
/// comes back after a crash or a pod restart.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private const string Binary = "/usr/bin/redis-server";

    private readonly int _port = TestServices.FreePort();
    private readonly string _dir = Directory.CreateTempSubdirectory("vmigrains-redis-").FullName;
    private Process? _process;

    private RedisServerProcess()
    {
    }

    /// <summary><c>127.0.0.1:PORT</c>, a StackExchange.Redis connection string.</summary>
    public string Endpoint => $"127.0.0.1:{_port}";

    /// <summary>Starts a server; fails (never skips) when redis-server is not installed.</summary>
    public static RedisServerProcess Start()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install redis-server (./scripts/test.sh does)");
        }

        var redis = new RedisServerProcess();
        redis.Launch();
        return redis;
    }

    /// <summary>kill -9, then the same port again with an empty data set.</summary>
    public void RestartEmpty()
    {
        Kill();
        Launch();
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_dir, recursive: true);
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", $"{_port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir, "--logfile", Path.Combine(_dir, "redis.log") })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    private void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }
}
