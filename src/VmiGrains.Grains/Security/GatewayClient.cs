namespace VmiGrains.Grains.Security;

/// <summary>Who a gateway client is, as its gateway authenticated the connection.</summary>
/// <param name="Caller">How decisions name it: <c>certificate CN=…</c>, or <c>gateway client (unauthenticated)</c>.</param>
/// <param name="Scopes">What it may do (<see cref="VmiGrains.Abstractions.Security.Scopes"/>).</param>
/// <param name="CommonName">The certificate's common name (the key of its scopes in configuration); null without a certificate.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.GatewayClient")]
public sealed record GatewayClient(
    [property: Id(0)] string Caller,
    [property: Id(1)] IReadOnlyList<string> Scopes,
    [property: Id(2)] string? CommonName = null);
