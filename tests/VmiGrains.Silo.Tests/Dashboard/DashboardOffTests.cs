using System.Net;
using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Dashboard;

/// <summary><c>VmiGrains:Cluster:Dashboard=false</c>: no Orleans dashboard (nor its collectors); the fleet page, API and metrics stay.</summary>
public sealed class DashboardOffTests
{
    [Fact]
    public async Task DashboardFalse_OrleansDashboardIsGone_FleetPageApiAndMetricsStay()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["VmiGrains:Cluster:Dashboard"] = "false" });
        using var client = silo.Client();

        using var dashboard = await client.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        foreach (var path in new[] { "/fleet/", "/api/v1/vms", "/metrics" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }
}
