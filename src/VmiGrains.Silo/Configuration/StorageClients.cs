using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Azure Storage clients for grain state that fail in seconds, not after the grain call timeout: the SDK's
/// defaults (3 retries from 0.8 s, 100 s per try) make a stopped or hung store look like a cluster that
/// does not answer (30 s, then "the cluster did not answer in time"). Here: 2 retries from 0.1 s (at most
/// 1 s apart) and 5 s per try — a refused connection is reported in well under a second, a store that
/// accepts but never answers in about 16 s; a transient blip is still ridden out.
/// </summary>
internal static class StorageClients
{
    public static TableServiceClient Table(string? connectionString) =>
        new(connectionString, Configure(new TableClientOptions()));

    public static BlobServiceClient Blob(string? connectionString) =>
        new(connectionString, Configure(new BlobClientOptions()));

    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }
}
