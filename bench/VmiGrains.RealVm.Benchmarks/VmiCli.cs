using System.Diagnostics;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>The real <c>vmi</c> CLI against the benchmark's silo.</summary>
internal sealed class VmiCli(string clusterId, string gateway)
{
    public async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        start.Environment["VMIGRAINS_CLUSTER_ID"] = clusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = clusterId;
        foreach (var arg in new[] { BuiltApps.Cli, "--gateway", gateway }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        return exit == 0 ? stdout : throw new InvalidOperationException($"vmi {string.Join(' ', args)} exited {exit}: {stdout}{stderr}");
    }
}
