namespace VmiGrains.Silo.Security;

/// <summary>
/// Decides whether a grain call comes from a silo of this cluster or from a client, from the call's
/// source id. Rule: grains, system targets and grain timers send with their own (non-client) id; code
/// on a silo outside a grain (REST API, hosted services, the dashboard) sends through that silo's
/// hosted client, whose id is <c>sys.client/hosted-SILOADDRESS</c>; everything else — an external
/// client's random client id, a hosted-client id of a silo that is not a live member, or no id — is a client.
/// </summary>
internal static class CallOrigin
{
    /// <summary>True when <paramref name="source"/> is not provably a silo of this cluster.</summary>
    public static bool IsClient(GrainId? source, IReadOnlySet<GrainId> liveHostedClients)
    {
        ArgumentNullException.ThrowIfNull(liveHostedClients);
        if (source is not { } id || id.IsDefault)
        {
            return true;
        }

        return id.IsClient() && !liveHostedClients.Contains(id);
    }

    /// <summary>
    /// True for a silo's hosted client calling a system target, even when that silo is not a live member yet:
    /// a joining silo reads and writes the membership table through its hosted client before it is in the
    /// table (development clustering keeps that table in a system target of the primary). Gateways never
    /// forward a hosted-client id (see <see cref="GatewayConnectionGuard"/>), so such a call came over a silo connection.
    /// </summary>
    public static bool IsSiloSystemCall(GrainId? source, GrainId target) =>
        SystemTargetGrainId.IsSystemTargetGrainId(target) // first: client calls to grains (the common case) stop here without allocating
        && source is { } id && id.IsClient() && id.Key.ToString()!.StartsWith(HostedPrefix, StringComparison.Ordinal);

    private const string HostedPrefix = "hosted-";

    /// <summary>The id of the hosted client of the silo at <paramref name="silo"/> (as Orleans' HostedClient names it).</summary>
    public static GrainId HostedClientId(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return GrainId.Create(GrainTypePrefix.ClientPrefix, $"{HostedPrefix}{silo.ToParsableString()}");
    }
}
