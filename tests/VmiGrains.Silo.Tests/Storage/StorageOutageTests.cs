using System.Diagnostics;
using System.Net;
using VmiGrains.Silo.Tests.Api;
using Xunit.Abstractions;

namespace VmiGrains.Silo.Tests.Storage;

/// <summary>
/// Grain storage that fails under a running silo (its own Azurite, killed and restarted; a row changed
/// behind the silo's back): the REST API and the CLI name the storage and its reason at once, and the VMI
/// answers what storage holds — never a change storage did not take.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const string Token = "storage-outage-token-0123456789";

    [Fact]
    public async Task Attach_AzuriteStopped_503NamingTheStorageQuickly_CliSaysSo_StoredStateWinsAfterRestart()
    {
        using var azurite = AzuriteInstance.Start();
        var serviceId = $"outage-{Guid.NewGuid():N}";
        await using var silo = await SiloProcess.StartAsync(Settings(azurite.ConnectionString, serviceId), Token);
        using var client = silo.Client(Token);
        await BoundedStateTests.DefineAsync(client, BoundedStateTests.Profile("outage-a"));
        await BoundedStateTests.DefineAsync(client, BoundedStateTests.Profile("outage-b"));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"outage-a"}"""))).StatusCode);

        azurite.Stop();
        var clock = Stopwatch.StartNew();
        var problem = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"outage-b"}""")), 503);
        var took = clock.Elapsed;
        output.WriteLine($"503 after {took.TotalMilliseconds:F0} ms: {problem.GetProperty("detail").GetString()}");
        Assert.Equal("Storage unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("storage", Http.Paths(problem));
        Assert.Contains("AzureTableGrainStorage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(20), $"the storage error took {took.TotalSeconds:F1} s (the grain call timeout is 30 s)");
        var failures = (await client.GetStringAsync("/metrics")).Split('\n')
            .Where(l => l.StartsWith("vmigrains_vmi_state_write_failures_total{", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Any(l => l.Contains("reason=\"unavailable\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)),
            $"the failed write is not counted: [{string.Join("; ", failures)}]");

        // The VMI re-activates from storage, which does not answer either: also a storage error, not a timeout.
        var read = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/vms/web-01"), 503);
        Assert.Equal("Storage unavailable", read.GetProperty("title").GetString());
        var (code, cli) = await CliAsync(silo, serviceId, "vm", "attach", "web-01", "outage-b");
        output.WriteLine($"CLI exit {code}: {cli.Trim()}");
        Assert.Equal(1, code);
        Assert.True(cli.Contains("vmi: storage AzureTableGrainStorage", StringComparison.Ordinal), cli);

        azurite.Resume();
        var view = await Eventually.GetAsync(async () => await client.GetAsync("/api/v1/vms/web-01"), r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "web-01 readable again once Azurite is back");
        Assert.Equal("outage-a", (await Http.ReadJsonAsync(view)).GetProperty("profile_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"outage-b"}"""))).StatusCode);
    }

    [Fact]
    public async Task Attach_RowChangedBehindTheSilo_409StorageConflict_ThenTheVmiReloadsAndAttachWorks()
    {
        var serviceId = $"conflict-{Guid.NewGuid():N}";
        await using var silo = await SiloProcess.StartAsync(Settings(TestServices.AzureStorage, serviceId), Token);
        using var client = silo.Client(Token);
        await BoundedStateTests.DefineAsync(client, BoundedStateTests.Profile("conflict-a"));
        await BoundedStateTests.DefineAsync(client, BoundedStateTests.Profile("conflict-b"));
        var vmiId = (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-02"))).GetProperty("vmi_id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"conflict-a"}"""))).StatusCode);

        await StoredEntity.TouchAsync(TestServices.AzureStorage, serviceId, vmiId);
        var problem = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"conflict-b"}""")), 409);
        Assert.Equal("Storage conflict", problem.GetProperty("title").GetString());
        Assert.Contains("another writer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var view = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-02"));
        Assert.Equal("conflict-a", view.GetProperty("profile_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"conflict-b"}"""))).StatusCode);
        Assert.Equal("conflict-b", (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-02"))).GetProperty("profile_id").GetString());
    }

    private static Dictionary<string, string> Settings(string storage, string serviceId) => new()
    {
        ["VmiGrains:Cluster:ServiceId"] = serviceId,
        ["VmiGrains:Storage:Default:Provider"] = "AzureTable",
        ["VmiGrains:Storage:Default:ConnectionString"] = storage,
        ["VmiGrains:Api:Tokens:operator:Token"] = Token,
        ["VmiGrains:Api:Tokens:operator:Scopes"] = "read,write,exec",
    };

    private static async Task<(int ExitCode, string Output)> CliAsync(SiloProcess silo, string serviceId, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { BuiltApps.Cli }.Concat(args).Concat(["--gateway", $"127.0.0.1:{silo.GatewayPort}"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VMIGRAINS_CLUSTER_ID"] = silo.ClusterId;
        start.Environment["VMIGRAINS_SERVICE_ID"] = serviceId;
        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));
        return (code, stdout + stderr);
    }
}
