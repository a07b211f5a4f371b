using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// Redocly CLI, as scripts/bootstrap.sh installs it, with the repository's <c>redocly.yaml</c>.
/// Missing, it fails the test (bootstrap installs it); it never skips.
/// </summary>
internal static partial class Redocly
{
    public const string Path = "/var/cache/vmigrains/redocly/node_modules/.bin/redocly";

    /// <summary>Lints <paramref name="document"/>: whether it passed without errors and warnings, and what redocly said.</summary>
    public static async Task<(bool Clean, string Output)> LintAsync(string document)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing (CI={Environment.GetEnvironmentVariable("CI")}); install it with scripts/bootstrap.sh");
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("vmigrains-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var start = new ProcessStartInfo(Path) { ArgumentList = { "lint", file, "--config", RepoPaths.Of("redocly.yaml") } };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
            var output = $"exit {exit}\n{stdout}{stderr}";
            return (exit == 0 && !Warnings().IsMatch(output), output);
        }
        finally
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    // Its summary when only warnings were found: "You have 2 warnings."
    [GeneratedRegex(@"You have \d+ warnings?")]
    private static partial Regex Warnings();
}
