using System.Security.Cryptography.X509Certificates;
using VmiGrains.Abstractions.Security;
using VmiGrains.Grains.Security;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Security;

/// <summary>
/// Who a gateway client is and what it may do. Rule: without TLS every client is
/// <c>gateway client (unauthenticated)</c> with every scope (the gateway is loopback-only then); with TLS
/// a client is <c>certificate SUBJECT</c> (its certificate chained to the CA, or the TLS handshake would
/// have failed), with the scopes <c>VmiGrains:Cluster:Tls:Clients:CN</c> gives its common name — or
/// every scope while that map is empty, and none when the map is set but lacks the name.
/// </summary>
internal sealed class GatewayClients(TlsSettings tls, bool clientManagement = false)
{
    private static readonly System.Reflection.Assembly[] Orleans =
        [typeof(IManagementGrain).Assembly, typeof(IGrainFactory).Assembly, typeof(Grain).Assembly];

    /// <summary>
    /// True when <paramref name="client"/> may call <paramref name="iface"/>, an interface outside the public
    /// surface: only Orleans' own, only with <c>VmiGrains:Cluster:ClientManagement</c>, only with every scope.
    /// </summary>
    public bool MayManage(GatewayClient client, Type iface)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(iface);
        return clientManagement && Orleans.Contains(iface.Assembly) && Scopes.All.All(client.Scopes.Contains);
    }

    /// <summary>The identity of a connection that presented <paramref name="certificate"/> (null: none).</summary>
    public GatewayClient Identify(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return new GatewayClient(tls.Enabled ? "gateway client (no certificate)" : "gateway client (unauthenticated)", tls.Enabled ? [] : Scopes.All);
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var scopes = tls.Clients.Count == 0 ? Scopes.All
            : tls.Clients.TryGetValue(name, out var configured) ? TlsSettings.ParseScopes(configured) : [];
        return new GatewayClient($"certificate {certificate.Subject}", scopes, name);
    }

    /// <summary>True for an id an external client may send as: a client id that is neither a silo's hosted client nor an observer.</summary>
    public static bool IsPlainClient(GrainId id)
    {
        var key = id.Key.ToString();
        return id.IsClient() && !key.StartsWith("hosted-", StringComparison.Ordinal) && !key.Contains('+', StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="sending"/> is <paramref name="client"/> or one of its observers (<c>CLIENT+OBSERVER</c>, in answers to grains).</summary>
    public static bool IsSameClient(GrainId sending, GrainId client) =>
        sending.Equals(client) || (sending.Type.Equals(client.Type) && sending.Key.ToString().StartsWith($"{client.Key}+", StringComparison.Ordinal));
}
