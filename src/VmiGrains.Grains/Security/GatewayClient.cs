namespace VmiGrains.Grains.Security;

/// <summary>Who a gateway client is, as its gateway authenticated the connection.</summary>
/// <param name="Caller">How decisions name it: <c>certificate CN=…</c>, or <c>gateway client (unauthenticated)</c>.</param>
/// <param name="Scopes">What it may do (<see cref="VmiGrains.Abstractions.Security.Scopes"/>).</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.GatewayClient")]
public sealed record GatewayClient(
    [property: Id(0)] string Caller,
    [property: Id(1)] IReadOnlyList<string> Scopes);
