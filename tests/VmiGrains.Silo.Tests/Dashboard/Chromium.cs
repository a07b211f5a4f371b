using System.Diagnostics;

namespace VmiGrains.Silo.Tests.Dashboard;

/// <summary>
/// Debian's headless Chromium, launched as the issue prescribes, with a fresh profile per run.
/// Missing Chromium fails the test (bootstrap installs it); it never skips.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>The DOM after scripts ran for <paramref name="budgetMs"/> of virtual time.</summary>
    public static Task<string> DumpDomAsync(string url, int budgetMs = 8000) => RunAsync(url, "--dump-dom", $"--virtual-time-budget={budgetMs}");

    /// <summary>Saves a PNG of <paramref name="url"/> to <paramref name="file"/>.</summary>
    public static Task<string> ScreenshotAsync(string url, string file, int budgetMs = 8000) =>
        RunAsync(url, $"--screenshot={file}", "--window-size=1400,1000", "--hide-scrollbars", $"--virtual-time-budget={budgetMs}");

    /// <summary>Where screenshots go: under the test output folder.</summary>
    public static string OutputFile(string name)
    {
        var dir = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return System.IO.Path.Combine(dir, name);
    }

    private static async Task<string> RunAsync(string url, params string[] args)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing (CI={Environment.GetEnvironmentVariable("CI")}); install it with scripts/bootstrap.sh or 'apt-get install -y --no-install-recommends chromium fonts-dejavu-core'");
        var profile = Directory.CreateTempSubdirectory("vmigrains-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", $"--user-data-dir={profile.FullName}" }.Concat(args).Append(url))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish loading {url}: {await stderr}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
