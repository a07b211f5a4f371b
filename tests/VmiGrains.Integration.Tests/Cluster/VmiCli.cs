using System.Diagnostics;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>Runs the real <c>vmi</c> (the built vmi.dll) against the test cluster.</summary>
internal static class VmiCli
{
    private static readonly string VmiDll = BuiltApps.Cli;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SiloCluster cluster, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = cluster.ClusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = cluster.ServiceId;
        start.ArgumentList.Add(VmiDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
