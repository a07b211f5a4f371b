using System.Net;
using System.Text.Json;
using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Health;

/// <summary>
/// <c>/readyz</c> on real silo processes: membership, every grain storage (here Azure Table on the real Azurite)
/// and every hypervisor the silo manages, each named with what it found; 503 naming the part that does not answer.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_SiloOnAzureTableStorage_Ready_EveryCheckNamedAndOk()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Storage:Default:Provider"] = "AzureTable",
            ["VmiGrains:Storage:Default:ConnectionString"] = TestServices.AzureStorage,
            ["VmiGrains:Api:ReadTokens:0"] = "readiness-read-token-0123456789",
        }, "readiness-read-token-0123456789");
        using var client = silo.Client(); // anonymous, as a Kubernetes probe asks

        using var response = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal(["hypervisor:demo-host-a", "membership", "storage:hosts", "storage:profiles", "storage:vmis"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        Assert.Contains("AzureTable", checks["storage:vmis"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_AHypervisorThatDoesNotAnswer_503NamingTheHostAndLibvirtsReason_OthersStillOk()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Host:Additional:ghost-host"] = "qemu+unix:///system?socket=/nonexistent/vmigrains-readyz-sock",
            ["VmiGrains:Api:ReadTokens:0"] = "readiness-read-token-0123456789",
        }, "readiness-read-token-0123456789");
        using var client = silo.Client();

        using var response = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("not ready", body.RootElement.GetProperty("status").GetString());
        var failed = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(), c => !c.GetProperty("ok").GetBoolean());
        Assert.Equal("hypervisor:ghost-host", failed.GetProperty("name").GetString());
        Assert.Contains("/nonexistent/vmigrains-readyz-sock", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode); // alive, just not ready
    }
}
