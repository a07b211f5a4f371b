using System.Diagnostics;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary>
/// Prometheus' own linter (<c>promtool</c>, Debian package <c>prometheus</c>, installed by
/// <c>scripts/bootstrap.sh</c>). Missing, it fails the test that needs it; it never skips.
/// </summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary><c>promtool check metrics</c> of an exposition on stdin: exit code and every line it printed.</summary>
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) => RunAsync(exposition, "check", "metrics");

    /// <summary><c>promtool check rules FILE</c>.</summary>
    public static Task<(int ExitCode, string Output)> CheckRulesAsync(string file) => RunAsync(null, "check", "rules", file);

    private static async Task<(int ExitCode, string Output)> RunAsync(string? stdin, params string[] args)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing (CI={Environment.GetEnvironmentVariable("CI")}); install it with scripts/bootstrap.sh or 'apt-get install -y --no-install-recommends prometheus' (then keep its server stopped)");
        var start = new ProcessStartInfo(Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60), stdin);
        return (code, (stdout + stderr).Trim());
    }
}
