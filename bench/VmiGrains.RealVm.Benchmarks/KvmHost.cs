using System.Diagnostics;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>A private qemu host booted by <c>scripts/kvm-host.sh</c> for the benchmark, stopped on dispose.</summary>
internal sealed class KvmHost : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vmig-bench-kvm-").FullName;

    public string Uri { get; private set; } = string.Empty;

    public IReadOnlyList<(string Name, Guid Uuid)> Guests { get; private set; } = [];

    public int BootSeconds { get; private set; }

    public static async Task<KvmHost> StartAsync(int guests)
    {
        var host = new KvmHost();
        var (exit, stdout, stderr) = await host.ScriptAsync("start", "--guests", guests.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"scripts/kvm-host.sh start failed ({exit}): {stdout}{stderr}");
        }

        var env = File.ReadAllLines(Path.Combine(host._directory, "host.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        host.Uri = env["URI"];
        host.BootSeconds = int.Parse(env["BOOT_SECONDS"], System.Globalization.CultureInfo.InvariantCulture);
        host.Guests = [.. Enumerable.Range(0, guests).Select(i => (env[$"GUEST{i}_NAME"], Guid.Parse(env[$"GUEST{i}_UUID"])))];
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop");
        Directory.Delete(_directory, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> ScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo(RepoPaths.Of("scripts", "kvm-host.sh"));
        foreach (var arg in new[] { args[0], _directory }.Concat(args.Skip(1)))
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));
    }
}
