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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
