namespace VmiGrains.Silo.Security;

/// <summary>
/// How decisions name a client that called through a gateway. With TLS the gateway accepted only
/// clients presenting a certificate of the configured CA; which certificate is not known per call here
/// (Orleans does not carry the connection's certificate to the grain), so the name says how it was admitted.
/// </summary>
/// <param name="Caller">The caller recorded in decisions.</param>
internal sealed record GatewayIdentity(string Caller)
{
    /// <summary>The identity for a gateway with (<paramref name="mutualTls"/>) or without client certificates.</summary>
    public static GatewayIdentity For(bool mutualTls) =>
        new(mutualTls ? "gateway client (certificate of the cluster CA)" : "gateway client (unauthenticated)");
}
