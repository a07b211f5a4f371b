using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Configuration;

public sealed class StorageSettingsTests
{
    [Fact]
    public void Resolve_NothingConfigured_MemoryForEveryName()
    {
        var settings = SettingsBuilder.Load();

        Assert.All(StorageSettings.Names, n => Assert.Equal(ProviderNames.Memory, settings.Storage.Resolve(n, settings.Cluster).Provider));
    }

    [Fact]
    public void Resolve_NamedEntryOverridesDefaultFieldByField()
    {
        var settings = SettingsBuilder.Load(
            ("VmiGrains:Storage:Default:Provider", "AzureTable"),
            ("VmiGrains:Storage:Default:ConnectionString", SettingsBuilder.Azurite),
            ("VmiGrains:Storage:vmis:TableName", "Vmis"),
            ("VmiGrains:Storage:hosts:Provider", "AzureBlob"));

        var vmis = settings.Storage.Resolve("vmis", settings.Cluster);
        var hosts = settings.Storage.Resolve("hosts", settings.Cluster);

        Assert.Equal(("AzureTable", "Vmis", SettingsBuilder.Azurite), (vmis.Provider, vmis.TableName, vmis.ConnectionString));
        Assert.Equal(("AzureBlob", StorageSettings.DefaultContainerName, SettingsBuilder.Azurite), (hosts.Provider, hosts.ContainerName, hosts.ConnectionString));
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Resolve_EnvironmentStyleUpperCaseKeys_Matched()
    {
        var settings = SettingsBuilder.Load(("VMIGRAINS:STORAGE:VMIS:PROVIDER", "Redis"), ("VMIGRAINS:STORAGE:VMIS:CONNECTIONSTRING", "127.0.0.1:6379"));

        Assert.Equal("Redis", settings.Storage.Resolve("vmis", settings.Cluster).Provider);
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Resolve_RedisStorageWithRedisClustering_SharesTheClusterConnectionString()
    {
        var settings = SettingsBuilder.Load(
            ("VmiGrains:Cluster:Clustering", "Redis"),
            ("VmiGrains:Cluster:ConnectionString", "redis-1:6379"),
            ("VmiGrains:Storage:Default:Provider", "Redis"));

        Assert.Equal("redis-1:6379", settings.Storage.Resolve("profiles", settings.Cluster).ConnectionString);
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Validate_UnknownNameAndProvider_DidYouMean()
    {
        var errors = SettingsBuilder.Load(("VmiGrains:Storage:vmi:Provider", "AzureTables")).Validate();

        Assert.Equal(
            [
                "VmiGrains:Storage:vmi: unknown storage name; did you mean vmis?; use one of Default, profiles, vmis, hosts",
                "VmiGrains:Storage:vmi:Provider: unknown provider (got \"AzureTables\"); did you mean AzureTable?; use one of Memory, AzureTable, AzureBlob, Redis",
            ],
            errors);
    }

    [Fact]
    public void Validate_DefaultProviderWithoutConnectionString_OneLineForTheDefaultKey()
    {
        var errors = SettingsBuilder.Load(("VmiGrains:Storage:Default:Provider", "AzureTable")).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith("VmiGrains:Storage:Default:ConnectionString: required for provider AzureTable", error, StringComparison.Ordinal);
        Assert.Contains("VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadAzureConnectionStringAndTableName_ErrorsWithoutTheSecret()
    {
        var errors = SettingsBuilder.Load(
            ("VmiGrains:Storage:Default:Provider", "AzureTable"),
            ("VmiGrains:Storage:Default:ConnectionString", "AccountKey=topsecret"),
            ("VmiGrains:Storage:vmis:ConnectionString", SettingsBuilder.Azurite),
            ("VmiGrains:Storage:vmis:TableName", "vmi_state")).Validate();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("VmiGrains:Storage:Default:ConnectionString: is not a valid Azure Storage connection string (value not shown)", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("VmiGrains:Storage:vmis:TableName: not a valid Azure table name (got \"vmi_state\")", errors[1], StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain("topsecret", e, StringComparison.Ordinal));
    }

    [Fact]
    public void ResolvedStorage_ToString_NeverShowsTheConnectionString()
    {
        var settings = SettingsBuilder.Load(("VmiGrains:Storage:Default:Provider", "AzureTable"), ("VmiGrains:Storage:Default:ConnectionString", SettingsBuilder.Azurite));

        Assert.Equal("vmis: AzureTable", settings.Storage.Resolve("vmis", settings.Cluster).ToString());
    }

    [Theory]
    [InlineData("Redis", "Redis", 0)]
    [InlineData("Reddis", "Redis", 1)]
    [InlineData("AzureTables", "AzureTable", 1)]
    [InlineData("memroy", "Memory", 2)]
    public void Distance_KnownPairs(string a, string b, int expected) =>
        Assert.Equal(expected, DidYouMean.Distance(a.ToUpperInvariant(), b.ToUpperInvariant()));

    [Fact]
    public void Suggest_NothingClose_NoSuggestion() =>
        Assert.Equal(string.Empty, DidYouMean.Suggest("Cassandra", ProviderNames.Storage));
}
