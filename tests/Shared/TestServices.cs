using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VmiGrains.Testing;

/// <summary>
/// External services for integration tests. <c>scripts/test.sh</c> starts them and exports
/// <c>VMIGRAINS_TEST_*</c>; run alone (e.g. from an IDE) a test starts its own redis-server when the
/// binary is there. With <c>CI=true</c> a missing service fails the test: it never skips.
/// </summary>
internal static class TestServices
{
    private static readonly Lazy<string> LazyRedis = new(StartOrFindRedis);
    private static readonly Lazy<string> LazyAzureStorage = new(StartOrFindAzurite);

    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>An Azure Storage connection string (Azurite) for this test run.</summary>
    public static string AzureStorage => LazyAzureStorage.Value;

    /// <summary><c>host:port</c> of a Redis server for this test run.</summary>
    public static string Redis => LazyRedis.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string StartOrFindRedis()
    {
        if (Environment.GetEnvironmentVariable("VMIGRAINS_TEST_REDIS") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"Redis is required: VMIGRAINS_TEST_REDIS is not set and {binary} is missing. Run ./scripts/test.sh, which installs and starts it{(IsCi ? " (CI=true: this test fails rather than skips)" : string.Empty)}.");
        }

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(binary, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(); } catch (InvalidOperationException) { } };
        WaitForPort(port, TimeSpan.FromSeconds(10), "redis-server");
        return $"127.0.0.1:{port}";
    }

    private static string StartOrFindAzurite()
    {
        if (Environment.GetEnvironmentVariable("VMIGRAINS_TEST_AZURE_STORAGE") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (!new[] { "/usr/bin/azurite", "/usr/local/bin/azurite" }.Any(File.Exists))
        {
            throw new InvalidOperationException(
                $"Azurite is required: VMIGRAINS_TEST_AZURE_STORAGE is not set and azurite is not installed (npm install -g azurite). Run ./scripts/test.sh, which installs and starts it{(IsCi ? " (CI=true: this test fails rather than skips)" : string.Empty)}.");
        }

        var instance = AzuriteInstance.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Dispose();
        return instance.ConnectionString;
    }

    /// <summary>
    /// A loopback TCP port for a process a test starts, picked below the kernel's ephemeral range
    /// (32768–60999), where a port the kernel handed out by bind(0) can be taken by any outgoing
    /// connection before the child binds it, and below Orleans' TestCluster ports (from 22300).
    /// <c>scripts/test.sh</c> gives each lane its own range (<c>VMIGRAINS_TEST_PORTS=FROM-TO</c>) so two
    /// lanes never pick the same port; this process never hands out one port twice, and only one
    /// nothing is bound to.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(PortRange.From, PortRange.To + 1);
                if (HandedOut.Add(port) && IsBindable(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port in {PortRange.From}-{PortRange.To} after 1000 tries (VMIGRAINS_TEST_PORTS)");
    }

    private static readonly HashSet<int> HandedOut = [];

    private static readonly (int From, int To) PortRange = ParsePortRange(Environment.GetEnvironmentVariable("VMIGRAINS_TEST_PORTS"));

    private static (int From, int To) ParsePortRange(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (10000, 21999);
        }

        var parts = value.Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out var from) && int.TryParse(parts[1], out var to) && from is > 1024 and <= 65535 && to >= from && to <= 65535
            ? (from, to)
            : throw new InvalidOperationException($"VMIGRAINS_TEST_PORTS='{value}' is not a port range: give FROM-TO, e.g. 10000-15999");
    }

    private static bool IsBindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static void WaitForPort(int port, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException($"{what} did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds} s");
    }
}
