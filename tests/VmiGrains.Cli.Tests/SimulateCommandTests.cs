namespace VmiGrains.Cli.Tests;

/// <summary><c>vmi host simulate</c> through the real binary: offline, deterministic, validated options.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_OneScenario_PrintsTheFivePoliciesSideBySide()
    {
        var result = await VmiProcess.RunAsync("host", "simulate", "--scenario", "big-transfer", "--steps", "60");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SCENARIO", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Count(l => l.StartsWith("big-transfer", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("work-conserving (new)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mom-like", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_SameSeedTwice_PrintsTheSameTable()
    {
        var first = await VmiProcess.RunAsync("host", "simulate", "--scenario", "bursty", "--steps", "50", "--seed", "9", "--markdown");
        var second = await VmiProcess.RunAsync("host", "simulate", "--scenario", "bursty", "--steps", "50", "--seed", "9", "--markdown");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.StartsWith("| SCENARIO | POLICY |", first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadOptions_ReportsEveryOneAndExitsTwo()
    {
        var result = await VmiProcess.RunAsync("host", "simulate", "--scenario", "busy", "--vmis", "1", "--steps", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(3, result.ErrorLines.Length);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("--scenario: \"busy\" is not a scenario; use one of: all, steady", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l == "--vmis: must be 2-1000 (got 1); e.g. --vmis 8");
        Assert.Contains(result.ErrorLines, l => l.StartsWith("--steps: must be 10-100000 (got 5)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_Help_NamesThePoliciesAndColumns()
    {
        var result = await VmiProcess.RunAsync("host", "simulate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("static-equal", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--plan-cost", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ExampleTraces_ReplaysThemUnderEveryPolicy()
    {
        var result = await VmiProcess.RunAsync("host", "simulate", "--trace", RepoPaths.Of("examples", "telemetry", "render-burst.jsonl"),
            "--trace", RepoPaths.Of("examples", "telemetry", "suspicious-login.jsonl"), "--link-kibps", "100", "--steps", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Stdout.Split('\n').Count(l => l.StartsWith("traces ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Simulate_MissingTrace_NamesTheFileAndExitsTwo()
    {
        var result = await VmiProcess.RunAsync("host", "simulate", "--trace", "/nonexistent/t.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--trace /nonexistent/t.jsonl: cannot be read", result.ErrorLines.Single(), StringComparison.Ordinal);
    }
}
