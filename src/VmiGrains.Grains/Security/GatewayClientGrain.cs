using Orleans.Placement;

namespace VmiGrains.Grains.Security;

/// <summary>
/// In memory only, placed on the gateway silo that registers it (the first one, for a client of several
/// gateways): it lives as long as the connections it describes. A client that reconnects registers again.
/// </summary>
[PreferLocalPlacement]
internal sealed class GatewayClientGrain : Grain, IGatewayClientGrain
{
    private static readonly TimeSpan KeepWhileConnected = TimeSpan.FromDays(30);
    private readonly Dictionary<string, GatewayClient> _connections = new(StringComparer.Ordinal);

    public Task<bool> RegisterAsync(string connection, GatewayClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_connections.Values.Any(c => c.Caller != client.Caller))
        {
            return Task.FromResult(false);
        }

        _connections[connection] = client;
        DelayDeactivation(KeepWhileConnected);
        return Task.FromResult(true);
    }

    public Task UnregisterAsync(string connection)
    {
        _connections.Remove(connection);
        if (_connections.Count == 0)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<GatewayClient?> GetAsync() => Task.FromResult(_connections.Values.FirstOrDefault());
}
