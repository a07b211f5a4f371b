using System.CommandLine;

namespace VmiGrains.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    /// <summary><c>-o table|json</c>: tables for people, stable JSON for scripts.</summary>
    public static readonly Option<string> Output = CreateOutput();

    /// <summary><c>--gateway HOST:PORT</c> of a silo's client gateway.</summary>
    public static readonly Option<string> Gateway = new("--gateway")
    {
        Description = "Silo gateway to connect to, HOST:PORT (default: $VMIGRAINS_GATEWAY, else 127.0.0.1:30000)",
        DefaultValueFactory = _ => "127.0.0.1:30000",
        Recursive = true,
        HelpName = "HOST:PORT",
    };

    /// <summary><c>--redis CONNSTR</c>: find the cluster through Redis membership instead of a gateway.</summary>
    public static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Find the cluster through its Redis membership table instead of --gateway (default: $VMIGRAINS_REDIS)",
        Recursive = true,
        HelpName = "CONNSTR",
    };

    /// <summary><c>--timeout DURATION</c>: how long one cluster call may take before it fails.</summary>
    public static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = "How long one cluster call may take before the command fails, 1s to 1h (default: $VMIGRAINS_TIMEOUT, else 30s)",
        Recursive = true,
        HelpName = "DURATION",
    };

    /// <summary>True when the user asked for JSON output.</summary>
    public static bool IsJson(ParseResult result) => result.GetValue(Output) == "json";

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table (for people) or json (stable, for scripts)",
            DefaultValueFactory = _ => "table",
            Recursive = true,
            HelpName = "table|json",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
