using Microsoft.Extensions.Configuration;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Configuration;

/// <summary>Silo settings: every problem listed at once, each naming the key and the fix, no secrets.</summary>
public sealed class SiloSettingsTests
{
    private static SiloSettings Load(params (string Key, string Value)[] settings) =>
        SiloSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(Load().Validate());

    [Fact]
    public void Validate_SeveralMistakes_ListsEveryOne()
    {
        var errors = Load(
            ("VmiGrains:Cluster:Clustering", "Redys"),
            ("VmiGrains:Cluster:SiloPort", "30000"),
            ("VmiGrains:Cluster:GatewayPort", "30000"),
            ("VmiGrains:Cluster:HttpUrl", "ftp://x"),
            ("VmiGrains:Storage:vmis:Provider", "AzureTabel")).Validate();

        Assert.True(errors.Count >= 4, string.Join("\n", errors));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Cluster:Clustering:", StringComparison.Ordinal) && e.Contains("Redys", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Cluster:GatewayPort:", StringComparison.Ordinal) && e.Contains("30000", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VmiGrains:Cluster:HttpUrl:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("VmiGrains:Storage:vmis", StringComparison.Ordinal) && e.Contains("AzureTable", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RedisClusteringWithoutConnectionString_SaysWhichKey()
    {
        var errors = Load(("VmiGrains:Cluster:Clustering", "Redis")).Validate();

        Assert.Contains(errors, e => e.Contains("VmiGrains:Cluster:ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadStorageConnectionString_NeverEchoesTheSecret()
    {
        const string secret = "AccountKey=SuperSecretValue123";
        var errors = Load(
            ("VmiGrains:Storage:Default:Provider", "AzureTable"),
            ("VmiGrains:Storage:Default:ConnectionString", $"nonsense;{secret}"),
            ("VmiGrains:Cluster:Clustering", "Nope")).Validate();

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Contains("SuperSecretValue123", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PortInUse_NamesTheKeyAndPort()
    {
        var errors = Load(("VmiGrains:Cluster:GatewayPort", "30123")).Validate(port => port == 30123);

        var error = Assert.Single(errors);
        Assert.StartsWith("VmiGrains:Cluster:GatewayPort: port 30123 is already in use", error, StringComparison.Ordinal);
    }
}
