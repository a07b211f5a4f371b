using System.Diagnostics;
using System.Text.Json;

namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>
/// <c>vmi vm events VMI --follow -o json</c> against a running silo: it prints each new event once, as
/// one JSON object per line, as it arrives, and Ctrl-C (SIGINT) ends it at once, quietly, with the
/// shell's exit code for it (130). It used to keep polling: the Orleans client host's console lifetime
/// took the signal for itself.
/// </summary>
[Collection(SiloDefinition.Name)]
public sealed class EventsFollowTests(SiloProcessFixture silo)
{
    [Fact]
    public async Task Follow_PrintsEachNewEventOnceAsItArrives_CtrlCEndsItCleanly()
    {
        var probe = $"follow-{Guid.NewGuid():N}"[..15];
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "vmi.dll"), "--gateway", silo.Gateway, "-o", "json", "vm", "events", "web-01", "--follow"])
        {
            start.ArgumentList.Add(arg);
        }

        using var follow = Process.Start(start)!;
        var stderr = follow.StandardError.ReadToEndAsync();
        try
        {
            Assert.Equal(0, (await silo.VmiAsync("vm", "feedback", "web-01", "--event", probe, "--field", "n=1")).ExitCode);
            var first = await NextWithAsync(follow, probe);
            Assert.Equal(("pushed", "1"), (first.GetProperty("source").GetString(), first.GetProperty("fields").GetProperty("n").GetString()));

            Assert.Equal(0, (await silo.VmiAsync("vm", "feedback", "web-01", "--event", probe, "--field", "n=2")).ExitCode);
            var second = await NextWithAsync(follow, probe);
            Assert.Equal("2", second.GetProperty("fields").GetProperty("n").GetString()); // the first is not printed again
            Assert.True(second.GetProperty("sequence").GetInt64() > first.GetProperty("sequence").GetInt64());

            using (var interrupt = Process.Start("kill", ["-INT", follow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await follow.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(follow.ExitCode == 130, $"exit {follow.ExitCode} (a command ended by Ctrl-C exits 130): {await stderr}");
            Assert.Equal(string.Empty, await stderr);
        }
        finally
        {
            if (!follow.HasExited)
            {
                follow.Kill();
            }
        }
    }

    /// <summary>The next line naming <paramref name="probe"/> (earlier events of the stream come first and are skipped); each line must be JSON.</summary>
    private static async Task<JsonElement> NextWithAsync(Process follow, string probe)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await follow.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("vmi vm events --follow ended");
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("name").GetString() == probe)
            {
                return json.RootElement.Clone();
            }
        }
    }
}
