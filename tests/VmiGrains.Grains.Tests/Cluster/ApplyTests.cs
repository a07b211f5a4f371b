using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>Attaching profiles: libvirt read-back, idempotency, and bad requests that change nothing.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ApplyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ApplyProfile_RenderVm_KnobsReadBackFromLibvirt()
    {
        var vmi = await fixture.VmiAsync("render-01");
        await fixture.Client.GetGrain<IVmiGrain>(vmi).DetachAsync();

        var result = await fixture.Client.GetGrain<IVmiGrain>(vmi).ApplyProfileAsync("high-performance-rendering");
        var readBack = await fixture.Client.GetGrain<IHypervisorGrain>(ClusterFixture.HostA).ReadKnobsAsync(vmi);

        Assert.True(result.Changed);
        var allocation = Assert.IsType<Abstractions.Model.Allocation>(result.Allocation);
        Assert.NotNull(readBack);
        Assert.Equal(allocation.MemoryTargetKiB, readBack.MemoryTargetKiB);
        Assert.Equal(allocation.BlkioWeight, readBack.BlkioWeight);
        Assert.Equal(allocation.BandwidthAverageKiBps, readBack.BandwidthAverageKiBps);
        Assert.InRange(allocation.BlkioWeight!.Value, 100u, 1000u);
        // libvirt's test driver accepts a CPU weight but ignores it; the host says so instead of pretending.
        Assert.Contains("cpu_weight", allocation.Unsupported);
        Assert.Empty(allocation.Failed);
    }

    [Fact]
    public async Task ApplyProfile_Twice_SecondChangesNothing()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-01"));
        await vmi.ApplyProfileAsync("video-encoding");
        var decisions = (await vmi.GetDecisionsAsync()).Count;

        var again = await vmi.ApplyProfileAsync("video-encoding");

        Assert.False(again.Changed);
        Assert.Equal(decisions, (await vmi.GetDecisionsAsync()).Count);
    }

    [Fact]
    public async Task ApplyProfile_UnknownProfile_ClearErrorAndNothingChanges()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("web-02"));
        await vmi.ApplyProfileAsync("minimal-footprint");
        var before = await vmi.GetAsync();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.ApplyProfileAsync("no-such-profile"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("profile", error.Path);
        Assert.Equal("unknown profile", error.Message);
        Assert.Equal("\"no-such-profile\"", error.Value);
        var after = await vmi.GetAsync();
        Assert.Equal(before.ProfileId, after.ProfileId);
        Assert.Equal(before.ProfileVersion, after.ProfileVersion);
    }

    [Fact]
    public async Task ApplyProfile_UnknownVersion_NamesTheVersionsThatExist()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("web-02"));

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.ApplyProfileAsync("security-audit", 99));

        Assert.Equal("version", ex.Errors[0].Path);
        Assert.Contains("use one of 1", ex.Errors[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVmi_AnyCall_ClearErrorNamingTheVmi()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(Guid.NewGuid().ToString());

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.ApplyProfileAsync("security-audit"));

        Assert.Equal("vmi", ex.Errors[0].Path);
        Assert.Equal("unknown VMI", ex.Errors[0].Message);
        Assert.Contains("vmi vm list", ex.Errors[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefineProfile_InvalidWeights_EveryErrorAndNothingStored()
    {
        var profile = fixture.Client.GetGrain<IProfileGrain>("broken");
        const string json = """{"id":"broken","name":"B","resource_weights":{"cpu":0.9,"ram":0.9,"network":0,"storage":0},"behavioral_rules":"function on_tick(vmi) if then end"}""";

        var ex = await Assert.ThrowsAsync<ProfileValidationException>(() => profile.DefineAsync(json));

        Assert.Equal(["$.resource_weights", "$.behavioral_rules"], ex.Errors.Select(e => e.Path));
        Assert.StartsWith("rule 'main' line 1:", ex.Errors[1].Message, StringComparison.Ordinal);
        Assert.Empty(await profile.GetHistoryAsync());
    }

    [Fact]
    public async Task DefineProfile_SameDocumentTwice_OneVersion_ChangedDocument_NewVersion()
    {
        var profile = fixture.Client.GetGrain<IProfileGrain>("versioned");
        const string v1 = """{"id":"versioned","name":"V","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""";

        var first = await profile.DefineAsync(v1);
        var same = await profile.DefineAsync(v1);
        var second = await profile.DefineAsync(v1.Replace("\"V\"", "\"V2\"", StringComparison.Ordinal));

        Assert.True(first.Created);
        Assert.False(same.Created);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal("V", (await profile.GetAsync(first.Version)).Document.Name);
        Assert.Equal(2, (await profile.GetHistoryAsync()).Count);
    }

    [Fact]
    public async Task DeleteProfile_WhileAttached_RefusedUnlessForced()
    {
        const string json = """{"id":"doomed","name":"D","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""";
        var profile = fixture.Client.GetGrain<IProfileGrain>("doomed");
        await profile.DefineAsync(json);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-02"));
        await vmi.ApplyProfileAsync("doomed");

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => profile.DeleteAsync(force: false));
        await profile.DeleteAsync(force: true);

        Assert.Contains("--force", refused.Errors[0].Fix, StringComparison.Ordinal);
        Assert.Null((await vmi.GetAsync()).ProfileId);
        Assert.Empty(await profile.GetHistoryAsync());
        Assert.DoesNotContain(await fixture.Client.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ListAsync(), p => p.Id == "doomed");
    }

    [Fact]
    public async Task HostWithoutSilo_FailsFastNamingTheHost()
    {
        var ex = await Assert.ThrowsAsync<HypervisorUnavailableException>(() => fixture.Client.GetGrain<IHypervisorGrain>("no-such-host").GetSummaryAsync());

        Assert.Equal("no-such-host", ex.Host);
        Assert.Contains("no silo for it is active", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_ListsBothHostsAndTheirVmis()
    {
        var fleet = fixture.Client.GetGrain<IFleetGrain>(GrainKeys.Default);

        var hosts = await fleet.ListHostsAsync();
        var vmis = await fleet.ListVmisAsync(host: ClusterFixture.HostB);

        Assert.Equal([ClusterFixture.HostA, ClusterFixture.HostB], hosts.Select(h => h.Name));
        Assert.All(hosts, h => Assert.True(h.Available));
        Assert.Contains(vmis, v => v.Name == "ml-train-01");
        Assert.All(vmis, v => Assert.Equal(ClusterFixture.HostB, v.Host));
    }
}
