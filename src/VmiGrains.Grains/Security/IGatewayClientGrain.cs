namespace VmiGrains.Grains.Security;

/// <summary>
/// The identity of one connected gateway client, keyed by its Orleans client id: written by the gateway
/// that authenticated the connection before it forwards the client's first message, read by every silo's
/// call filter. Internal: clients calling it are refused like the rest of the cluster's own protocol.
/// </summary>
[Alias("VmiGrains.IGatewayClientGrain")]
public interface IGatewayClientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that connection <paramref name="connection"/> carries this client as <paramref name="client"/>.
    /// False, and nothing recorded, when another live connection of the same client id is another identity.
    /// </summary>
    [Alias("Register")]
    Task<bool> RegisterAsync(string connection, GatewayClient client);

    /// <summary>Forgets <paramref name="connection"/> (it closed); the grain goes when no connection is left.</summary>
    [Alias("Unregister")]
    Task UnregisterAsync(string connection);

    /// <summary>The client's identity; null when no connection of it is registered.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<GatewayClient?> GetAsync();
}
