using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Configuration;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        var settings = SettingsBuilder.Load();

        Assert.Empty(settings.Validate(_ => false));
        Assert.Equal(ProviderNames.Localhost, settings.Cluster.Clustering);
    }

    [Fact]
    public void Validate_RedisWithoutConnectionString_NamesTheKeyAndTheEnvironmentVariable()
    {
        var errors = SettingsBuilder.Load(("VmiGrains:Cluster:Clustering", "Redis")).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith("VmiGrains:Cluster:ConnectionString: required for Redis clustering", error, StringComparison.Ordinal);
        Assert.Contains("VMIGRAINS__CLUSTER__CONNECTIONSTRING", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProviderNameInOtherCase_Accepted()
    {
        var errors = SettingsBuilder.Load(("VmiGrains:Cluster:Clustering", "redis"), ("VmiGrains:Cluster:ConnectionString", "127.0.0.1:6379")).Validate();

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_MisspeltProvider_SuggestsTheClosest()
    {
        var error = Assert.Single(SettingsBuilder.Load(("VmiGrains:Cluster:Clustering", "Reddis")).Validate());

        Assert.Equal("VmiGrains:Cluster:Clustering: unknown provider (got \"Reddis\"); did you mean Redis?; use one of Localhost, Redis", error);
    }

    [Fact]
    public void Validate_BadRedisConnectionString_ErrorWithoutTheValue()
    {
        const string secret = "127.0.0.1:6379,password=hunter2,nosuchoption=1";

        var error = Assert.Single(SettingsBuilder.Load(("VmiGrains:Cluster:Clustering", "Redis"), ("VmiGrains:Cluster:ConnectionString", secret)).Validate());

        Assert.StartsWith("VmiGrains:Cluster:ConnectionString: is not a valid StackExchange.Redis connection string (value not shown)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PortClashes_EveryOneListed()
    {
        var errors = SettingsBuilder.Load(
            ("VmiGrains:Cluster:SiloPort", "30000"),
            ("VmiGrains:Cluster:GatewayPort", "30000"),
            ("VmiGrains:Cluster:HttpUrl", "http://127.0.0.1:30000"),
            ("VmiGrains:Cluster:AdvertisedAddress", "silo-1"),
            ("VmiGrains:Cluster:Membership:NumVotesForDeathDeclaration", "0"),
            ("VmiGrains:Cluster:Membership:ProbeTimeout", "00:00:00")).Validate();

        Assert.Equal(
            [
                "VmiGrains:Cluster:AdvertisedAddress",
                "VmiGrains:Cluster:GatewayPort",
                "VmiGrains:Cluster:HttpUrl",
                "VmiGrains:Cluster:Membership:ProbeTimeout",
                "VmiGrains:Cluster:Membership:NumVotesForDeathDeclaration",
            ],
            errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Validate_PortTakenByAnotherProcess_NamesKeyAndPort()
    {
        var errors = SettingsBuilder.Load(("VmiGrains:Cluster:GatewayPort", "30001")).Validate(port => port == 30001);

        var error = Assert.Single(errors);
        Assert.StartsWith("VmiGrains:Cluster:GatewayPort: port 30001 is already in use by another process", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PortProbe_ListeningSocket_InUse_AfterClose_Free()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var whileListening = PortProbe.InUse(port);
        listener.Stop();

        Assert.True(whileListening);
        Assert.False(PortProbe.InUse(port));
    }

    [Fact]
    public void Membership_Defaults_AreTheFastFailureDetectionSettings()
    {
        var m = SettingsBuilder.Load().Cluster.Membership;

        Assert.Equal(
            (TimeSpan.FromSeconds(2), 3, 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)),
            (m.ProbeTimeout, m.NumMissedProbesLimit, m.NumVotesForDeathDeclaration, m.TableRefreshTimeout, m.IAmAliveTablePublishTimeout));
    }
}
