using System.Collections.Frozen;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Security;
using VmiGrains.Grains.Security;

namespace VmiGrains.Silo.Security;

/// <summary>
/// Every grain call a silo receives passes here. Calls from silos (see <see cref="CallOrigin"/>) pass
/// unchanged. Calls from clients may reach only the public grain interfaces of
/// <c>VmiGrains.Abstractions</c>; anything else — the cluster's own protocol in <c>VmiGrains.Grains</c>
/// (<c>IVmiClusterGrain</c>, <c>IHypervisorClusterGrain</c>, …), Orleans' management and dashboard
/// grains — is refused with <see cref="AccessDeniedException"/> before the grain runs. A client's call
/// also gets its caller identity set here, overwriting whatever the client put in the request context,
/// so that decisions never name a caller the client chose. System targets (which clients need to learn
/// the cluster's manifest) are left to Orleans.
/// </summary>
internal sealed partial class ClusterCallFilter(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    GatewayIdentity gateway,
    ILogger<ClusterCallFilter> logger) : IIncomingGrainCallFilter
{
    private static readonly System.Reflection.Assembly PublicSurface = typeof(IVmiGrain).Assembly;
    private Tuple<MembershipVersion, FrozenSet<GrainId>>? _hosted;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TargetId.IsSystemTarget() || !CallOrigin.IsClient(context.SourceId, HostedClients()))
        {
            await context.Invoke();
            return;
        }

        var iface = context.InterfaceMethod?.DeclaringType;
        if (iface is null || iface.Assembly != PublicSurface)
        {
            var method = $"{iface?.Name ?? context.InterfaceName}.{context.MethodName}";
            LogRefused(method, context.SourceId?.ToString() ?? "(none)", context.TargetId.ToString());
            throw new AccessDeniedException(method,
                $"{method}: refused; it belongs to the cluster's own protocol, which only silos may call (got a call from client {context.SourceId?.ToString() ?? "(none)"}); use the public interfaces of VmiGrains.Abstractions (the vmi CLI, the REST API)");
        }

        CallerContext.Set(gateway.Caller);
        await context.Invoke();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from client {Source} to {Target}: the cluster's own protocol is for silos only")]
    private partial void LogRefused(string method, string source, string target);
}
