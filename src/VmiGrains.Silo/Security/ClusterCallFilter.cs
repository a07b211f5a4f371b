using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Security;
using VmiGrains.Grains.Security;

namespace VmiGrains.Silo.Security;

/// <summary>
/// Every grain call a silo receives passes here. Calls from silos (see <see cref="CallOrigin"/>) pass
/// unchanged. A client's call — its source id was pinned to its connection by the gateway's
/// <see cref="GatewayConnectionGuard"/>, which registered the identity the connection authenticated —
/// may reach only methods of the public grain interfaces of <c>VmiGrains.Abstractions</c>, and only with
/// the scope the method declares (<see cref="RequiresScopeAttribute"/>). Anything else — the cluster's
/// own protocol in <c>VmiGrains.Grains</c>, Orleans' management and dashboard grains, a client no gateway
/// registered, a missing scope — is refused with <see cref="AccessDeniedException"/> before the grain
/// runs. The call's caller is set here from the registered identity, overwriting whatever the client
/// put in the request context. Of the silos' system targets a client may reach only the manifest
/// provider (how an Orleans client learns the cluster's grain types); the others (silo control,
/// directory, membership) are for silos — including a silo still joining, whose hosted client is not yet
/// a live member (<see cref="CallOrigin.IsSiloSystemCall"/>).
/// </summary>
internal sealed partial class ClusterCallFilter(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    GatewayClients clients,
    TimeProvider time,
    ILogger<ClusterCallFilter> logger) : IIncomingGrainCallFilter
{
    private const int MaxCachedClients = 10_000;
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollMissEvery = TimeSpan.FromMilliseconds(250);
    private static readonly Assembly PublicSurface = typeof(IVmiGrain).Assembly;
    private static readonly GrainType ManifestProvider = GrainType.Create($"{GrainTypePrefix.SystemTargetPrefix}manifest");
    private readonly ConcurrentDictionary<GrainId, (GatewayClient Client, DateTimeOffset Until)> _clients = new();
    private Tuple<MembershipVersion, FrozenSet<GrainId>>? _hosted;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CallOrigin.IsClient(context.SourceId, HostedClients()) || context.TargetId.Type.Equals(ManifestProvider)
            || CallOrigin.IsSiloSystemCall(context.SourceId, context.TargetId))
        {
            await context.Invoke();
            return;
        }

        var method = context.InterfaceMethod;
        var name = $"{method?.DeclaringType?.Name ?? context.InterfaceName}.{context.MethodName}";
        var source = context.SourceId?.ToString() ?? "(none)";
        var client = context.SourceId is { } id ? await IdentifyAsync(id) : null;
        if (method?.DeclaringType is not { } iface || iface.Assembly != PublicSurface)
        {
            if (client is null || method?.DeclaringType is not { } managed || !clients.MayManage(client, managed))
            {
                throw Refuse(name, source, $"{name}: refused; it belongs to the cluster's own protocol, which only silos may call (got a call from client {source}); use the public interfaces of VmiGrains.Abstractions (the vmi CLI, the REST API)");
            }
        }
        else if (client is null)
        {
            throw Refuse(name, source, $"{name}: refused; client {source} was not authenticated by a gateway of this cluster; connect through a silo gateway (with a client certificate when the cluster uses TLS)");
        }
        else if (method.GetCustomAttribute<RequiresScopeAttribute>()?.Scope is not { } scope || !client.Scopes.Contains(scope))
        {
            var needed = method.GetCustomAttribute<RequiresScopeAttribute>()?.Scope;
            throw Refuse(name, client.Caller, needed is null
                ? $"{name}: refused; the method declares no scope, so no client may call it"
                : $"{name}: refused; it needs scope {needed} and {client.Caller} has {(client.Scopes.Count == 0 ? "none" : string.Join(",", client.Scopes))}; {(client.CommonName is { } cn ? $"add {needed} to VmiGrains:Cluster:Tls:Clients:{cn} on every silo" : "connect with a client certificate that has it")}");
        }

        CallerContext.Set(client.Caller);
        CallerContext.SetScopes(client.Scopes);
        await context.Invoke();
    }

    private AccessDeniedException Refuse(string method, string caller, string message)
    {
        LogRefused(method, caller, message);
        return new AccessDeniedException(method, message);
    }

    private async ValueTask<GatewayClient?> IdentifyAsync(GrainId client)
    {
        var now = time.GetUtcNow();
        if (_clients.TryGetValue(client, out var cached) && cached.Until > now)
        {
            return cached.Client;
        }

        // Every client message passed a gateway guard that registered it first, so a miss means the
        // registry's silo died: its gateways register again within RefreshEvery; wait that long (twice).
        var registry = grains.GetGrain<IGatewayClientGrain>(client.ToString());
        var deadline = now + (2 * GatewayConnectionGuard.RefreshEvery);
        GatewayClient? found;
        while ((found = await TryGetAsync(registry)) is null && time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollMissEvery, time);
        }

        if (found is null)
        {
            return null;
        }

        if (_clients.Count >= MaxCachedClients)
        {
            _clients.Clear();
        }

        _clients[client] = (found, now + CacheFor);
        return found;
    }

    private static async Task<GatewayClient?> TryGetAsync(IGatewayClientGrain registry)
    {
        try
        {
            return await registry.GetAsync();
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null; // the registry's silo is going away; ask again
        }
    }

        private FrozenSet<GrainId> HostedClients()
    {
        var snapshot = membership.CurrentSnapshot;
        if (_hosted is { } cached && cached.Item1 == snapshot.Version)
        {
            return cached.Item2;
        }

        var ids = snapshot.Members.Values.Where(m => m.Status != SiloStatus.Dead).Select(m => CallOrigin.HostedClientId(m.SiloAddress))
            .Append(CallOrigin.HostedClientId(local.SiloAddress)).ToFrozenSet();
        _hosted = Tuple.Create(snapshot.Version, ids);
        return ids;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Caller}: {Reason}")]
    private partial void LogRefused(string method, string caller, string reason);
}
