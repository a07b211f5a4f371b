using Azure.Data.Tables;
using Azure.Storage.Blobs;
using StackExchange.Redis;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Checks connection strings offline (no network). Problems are described without the value: a
/// connection string usually holds a password or an account key.
/// </summary>
internal static class ConnectionStrings
{
    /// <summary>Null when <paramref name="value"/> is a usable StackExchange.Redis configuration, else what is wrong.</summary>
    public static string? CheckRedis(string value)
    {
        try
        {
            var options = ConfigurationOptions.Parse(value);
            return options.EndPoints.Count == 0 ? "names no Redis server" : null;
        }
        catch (ArgumentException)
        {
            return "is not a valid StackExchange.Redis connection string";
        }
    }

    /// <summary>Null when <paramref name="value"/> is a usable Azure Storage connection string for <paramref name="provider"/>.</summary>
    public static string? CheckAzure(string provider, string value)
    {
        try
        {
            _ = string.Equals(provider, ProviderNames.AzureBlob, StringComparison.OrdinalIgnoreCase)
                ? (object)new BlobServiceClient(value)
                : new TableServiceClient(value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "is not a valid Azure Storage connection string";
        }
    }

    /// <summary>The Redis servers a connection string names (host:port, no password), for messages.</summary>
    public static string RedisEndpoints(string value)
    {
        try
        {
            return string.Join(",", ConfigurationOptions.Parse(value).EndPoints.Select(e => e.ToString()));
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }
}
