using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Hosts;

/// <summary>
/// Host state written before the demand became a <see cref="ResourceVector"/> still loads: the fixture is a
/// <see cref="HostState"/> serialized by Orleans at commit 0a82b48 (claim demand as a list under [Id(1)],
/// weights as <c>VmiGrains.ResourceWeights</c>).
/// </summary>
public sealed class StoredHostStateTests
{
    private static readonly string Fixture = RepoPaths.Of("tests", "fixtures", "state", "host-state-2026-12-01.b64");

    [Fact]
    public void Deserialize_StateStoredWithDemandList_LoadsWeightsDemandAndAllocation()
    {
        var state = Serializer().Deserialize<HostState>(Convert.FromBase64String(File.ReadAllText(Fixture)))!;

        var claim = state.Claims["vmi-1"];
        Assert.Equal(new ResourceVector(0.4, 0.3, 0.2, 0.1), claim.Weights);
        Assert.Null(claim.Demand);
        Assert.Equal(new ResourceVector(1.5, 2_097_152, 640, double.PositiveInfinity), claim.Usage);
        Assert.Equal(4_194_304UL, state.Allocations["vmi-1"].MemoryTargetKiB);
        Assert.Equal(3, state.Rebalances);
    }

    [Fact]
    public void Serialize_NewClaim_RoundTripsTheVector()
    {
        var state = new HostState();
        state.Claims["vmi-2"] = new ClaimRecord(new ResourceVector(0.25, 0.25, 0.25, 0.25), new ResourceVector(2, 1024, double.PositiveInfinity, 5));
        var serializer = Serializer();

        var loaded = serializer.Deserialize<HostState>(serializer.SerializeToArray(state))!;

        Assert.Equal(new ResourceVector(2, 1024, double.PositiveInfinity, 5), loaded.Claims["vmi-2"].Usage);
        Assert.Null(loaded.Claims["vmi-2"].StoredDemandList);
    }

    private static Serializer Serializer() => new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(HostState).Assembly).AddAssembly(typeof(ResourceVector).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();
}
