using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>State written through one silo's gateway is the cluster's, not the silo's.</summary>
[Collection(SiloClusterDefinition.Name)]
public sealed class ReplicationTests(SiloCluster cluster)
{
    private const string Shared = """
        {"id":"it-shared","name":"Shared","resource_weights":{"cpu":0.4,"ram":0.2,"network":0.2,"storage":0.2}}
        """;

    [Fact]
    public async Task ProfileAndAssignments_WrittenThroughOneGateway_ReadThroughAnother()
    {
        var throughA = await cluster.ConnectAsync(cluster.Silo("demo-host-a"));
        var throughB = await cluster.ConnectAsync(cluster.Silo("demo-host-b"));
        var edge = await cluster.VmiAsync("edge-01");
        var web = await cluster.VmiAsync("web-01");

        var defined = await throughA.GetGrain<IProfileGrain>("it-shared").DefineAsync(Shared);
        await throughA.GetGrain<IVmiGrain>(edge).ApplyProfileAsync("it-shared");
        await throughA.GetGrain<IVmiGrain>(web).ApplyProfileAsync("it-shared");

        var profile = await throughB.GetGrain<IProfileGrain>("it-shared").GetAsync(null);
        var users = await throughB.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).GetVmisAsync("it-shared");
        var edgeView = await throughB.GetGrain<IVmiGrain>(edge).GetAsync();
        Assert.Equal(defined.Version, profile.Version);
        Assert.Equal("Shared", profile.Document.Name);
        Assert.Equal(new[] { edge, web }.Order(StringComparer.Ordinal), users);
        Assert.Equal(("it-shared", defined.Version), (edgeView.ProfileId, edgeView.ProfileVersion));
        Assert.Equal("demo-host-c", edgeView.Host);
        Assert.NotNull(edgeView.Allocation);
    }

    [Fact]
    public void SiloOutput_NeverContainsTheStorageAccountKey()
    {
        // The silos ran with Orleans at Information, which logs every provider's options at start-up.
        Assert.All(cluster.Silos, s => Assert.DoesNotContain(TestServices.AzuriteAccountKey, s.Output, StringComparison.Ordinal));
    }
}
