using System.Globalization;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// The driver's command line. <see cref="Parse"/> reports every bad argument at once, each with the
/// argument, the value and the fix, so one corrected command line runs.
/// </summary>
internal sealed record BenchOptions(int Runs, int Seconds, int VmisPerHost, IReadOnlyList<int> Silos)
{
    public const string Usage = """
        VmiGrains.Cluster.Benchmarks — throughput with 1, 2, 3 silo processes on Redis membership.

        Starts its own redis-server on a free loopback port, then for each silo count k starts k vmi-silo
        processes (each managing its own libvirt test-driver host), and measures through one Orleans client
        (in this process, gateways found through Redis): feedback ingestion (samples/s) and profile attach
        (VMIs/s) over every VMI of every host. Medians of --runs runs. Markdown goes to stdout and to
        $VMIGRAINS_BENCH_REPORT when set (scripts/bench.sh sets it).

        Usage: dotnet run -c Release --project bench/VmiGrains.Cluster.Benchmarks [-- OPTIONS]
          --runs N              runs per measurement and silo count (3; 1 to 20)
          --seconds S           length of one ingestion run in seconds (8; 1 to 300)
          --vmis-per-host M     VMIs on each silo's host (200; 1 to 5000)
          --silos "K ..."       silo counts to measure, in order ("1 2 3"; each 1 to 8)
          -h, --help            this text
        """;

    public static readonly BenchOptions Default = new(3, 8, 200, [1, 2, 3]);

    /// <summary>The options, or every problem with the arguments (then the options are null).</summary>
    public static (BenchOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--runs" or "--seconds" or "--vmis-per-host" or "--silos"))
            {
                errors.Add($"{name}: unknown argument; use --runs, --seconds, --vmis-per-host, --silos or --help");
                continue;
            }

            if (i + 1 >= args.Count)
            {
                errors.Add($"{name}: a value is missing; e.g. {name} {Example(name)}");
                break;
            }

            var value = args[++i];
            options = name switch
            {
                "--runs" => options with { Runs = Number(errors, name, value, 1, 20) ?? options.Runs },
                "--seconds" => options with { Seconds = Number(errors, name, value, 1, 300) ?? options.Seconds },
                "--vmis-per-host" => options with { VmisPerHost = Number(errors, name, value, 1, 5000) ?? options.VmisPerHost },
                _ => options with { Silos = SiloCounts(errors, value) ?? options.Silos },
            };
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    private static int? Number(List<string> errors, string name, string value, int min, int max)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add($"{name}: must be a whole number from {min} to {max} (got \"{value}\"); e.g. {name} {Example(name)}");
        return null;
    }

    private static List<int>? SiloCounts(List<string> errors, string value)
    {
        var counts = new List<int>();
        var before = errors.Count;
        foreach (var part in value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            // Each silo is a process with its own host; more than 8 on one machine measures nothing useful.
            if (Number(errors, "--silos", part, 1, 8) is { } k)
            {
                if (counts.Contains(k))
                {
                    errors.Add($"--silos: {k} is listed twice (got \"{value}\"); list each silo count once, e.g. --silos \"1 2 3\"");
                }

                counts.Add(k);
            }
        }

        if (counts.Count == 0 && errors.Count == before)
        {
            errors.Add($"--silos: no silo count given (got \"{value}\"); e.g. --silos \"1 2 3\"");
        }

        return errors.Count == before ? counts : null;
    }

    private static string Example(string name) => name switch
    {
        "--runs" => "3",
        "--seconds" => "8",
        "--vmis-per-host" => "200",
        _ => "\"1 2 3\"",
    };
}
