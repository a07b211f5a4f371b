using Microsoft.Extensions.Configuration;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Configuration;

/// <summary>Reads <see cref="SiloSettings"/> from key/value pairs the way the silo reads its configuration.</summary>
internal static class SettingsBuilder
{
    public static SiloSettings Load(params (string Key, string Value)[] values) =>
        SiloSettings.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    public const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWFjY291bnQta2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
}
