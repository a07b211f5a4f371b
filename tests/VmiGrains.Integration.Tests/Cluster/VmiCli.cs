using System.Diagnostics;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>Runs the real <c>vmi</c> (the built vmi.dll) against the test cluster.</summary>
internal static class VmiCli
{
    /// <summary>
    /// vmi.dll from the CLI's own output folder: the copy beside this test project runs with a
    /// runtimeconfig that lacks the ASP.NET Core framework the silo reference brought in.
    /// </summary>
    private static readonly string VmiDll = FindVmi();

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SiloCluster cluster, params string[] args) =>
        RunInAsync(cluster, cluster.ClusterId, args);

    /// <summary>Runs vmi with <c>VMIGRAINS_CLUSTER_ID</c> = <paramref name="clusterId"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(SiloCluster cluster, string clusterId, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = clusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = cluster.ServiceId;
        start.ArgumentList.Add(VmiDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vmi {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindVmi()
    {
        // .../tests/VmiGrains.Integration.Tests/bin/CONFIGURATION/TFM/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var path = RepoPaths.Of("src", "VmiGrains.Cli", "bin", tfm.Parent!.Name, tfm.Name, "vmi.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build tests/VmiGrains.Integration.Tests (it builds the CLI too)", path);
    }
}
