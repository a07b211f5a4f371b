using VmiGrains.Cluster.Benchmarks;

// The cluster-scaling macro benchmark (run by scripts/bench.sh; see BenchOptions.Usage). Exit codes:
// 0 done, 1 failure, 2 invalid arguments, 130 interrupted.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var (options, errors) = BenchOptions.Parse(args);
if (options is null)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"VmiGrains.Cluster.Benchmarks: {error}");
    }

    Console.Error.WriteLine("See --help.");
    return 2;
}

// Ctrl-C kills the children first: the main path may be waiting on a grain call of a cluster that is
// going away, and its disposal then finds them gone.
var interrupted = false;
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted = true;
    ChildGuard.KillAll();
};

using var redis = await RedisServer.StartAsync();
ScalingBenchmark.Progress($"redis-server on {redis.ConnectionString}");
var results = new List<ScalingResult>();
try
{
    foreach (var k in options.Silos)
    {
        ScalingBenchmark.Progress($"starting {k} silo(s), {options.VmisPerHost} VMIs each");
        await using var cluster = await BenchCluster.StartAsync(redis, k, options.VmisPerHost);
        try
        {
            results.Add(await ScalingBenchmark.RunAsync(cluster, redis, options));
        }
        catch (Exception) when (!interrupted)
        {
            Console.Error.WriteLine(cluster.OutputTails());
            throw;
        }
    }
}
catch (Exception ex) when (!interrupted)
{
    Console.Error.WriteLine($"VmiGrains.Cluster.Benchmarks: failed: {ex}");
    return 1;
}
catch (Exception) when (interrupted)
{
    Console.Error.WriteLine("VmiGrains.Cluster.Benchmarks: interrupted; silos and redis-server killed.");
    return 130;
}

var report = ScalingReport.Markdown(options, results);
Console.WriteLine(report);
if (Environment.GetEnvironmentVariable("VMIGRAINS_BENCH_REPORT") is { Length: > 0 } path)
{
    await File.WriteAllTextAsync(path, report);
}

return interrupted ? 130 : 0;
