using System.Net;
using VmiGrains.Silo.Security;

namespace VmiGrains.Silo.Tests.Security;

public sealed class CallOriginTests
{
    private static readonly SiloAddress Live = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 42);
    private static readonly SiloAddress Gone = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 43);
    private static readonly HashSet<GrainId> Hosted = [CallOrigin.HostedClientId(Live)];

    [Fact]
    public void IsClient_GrainSource_False() =>
        Assert.False(CallOrigin.IsClient(GrainId.Create("vmigrains.vmi", "web-01"), Hosted));

    [Fact]
    public void IsClient_HostedClientOfLiveSilo_False() =>
        Assert.False(CallOrigin.IsClient(CallOrigin.HostedClientId(Live), Hosted));

    [Fact]
    public void IsClient_HostedClientOfSiloNotInMembership_True() =>
        Assert.True(CallOrigin.IsClient(CallOrigin.HostedClientId(Gone), Hosted));

    [Fact]
    public void IsClient_ExternalClientOrNoSource_True()
    {
        Assert.True(CallOrigin.IsClient(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f8a1b2c3d4e5f6a7b"), Hosted));
        Assert.True(CallOrigin.IsClient(null, Hosted));
    }

    [Fact]
    public void HostedClientId_MatchesOrleansHostedClientNaming() =>
        Assert.Equal($"sys.client/hosted-{Live.ToParsableString()}", CallOrigin.HostedClientId(Live).ToString());

    [Fact]
    public void IsSiloSystemCall_JoiningSilosHostedClientToTheMembershipSystemTarget_True()
    {
        // A silo not yet in the membership reads the primary's membership table (development clustering).
        var membership = GrainId.Create($"{GrainTypePrefix.SystemTargetPrefix}clustering.dev", "127.0.0.1:11111@42");
        Assert.True(CallOrigin.IsSiloSystemCall(CallOrigin.HostedClientId(Gone), membership));
    }

    [Fact]
    public void IsSiloSystemCall_GrainTargetsOrExternalClients_False()
    {
        var membership = GrainId.Create($"{GrainTypePrefix.SystemTargetPrefix}clustering.dev", "127.0.0.1:11111@42");
        Assert.False(CallOrigin.IsSiloSystemCall(CallOrigin.HostedClientId(Gone), GrainId.Create("vmigrains.vmi", "web-01")));
        Assert.False(CallOrigin.IsSiloSystemCall(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f8a1b2c3d4e5f6a7b"), membership));
        Assert.False(CallOrigin.IsSiloSystemCall(null, membership));
    }
}
