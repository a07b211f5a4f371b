using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Which nftables table enforces policies on this host, and what its kernel can do there.
/// Taps on a Linux bridge (libvirt's <c>&lt;interface type='bridge'|'network'&gt;</c>, the usual case)
/// are bridge ports: the <c>inet</c> hooks only ever see the bridge device, so their traffic is
/// matched in table <c>bridge vmigrains</c>, where <c>iifname</c>/<c>oifname</c> are the ports.
/// Routed taps (<c>type='ethernet'</c>) are matched in <c>inet vmigrains</c>.
/// <para>
/// Rule: where the kernel has no connection tracking for the bridge family (no
/// <c>nf_conntrack_bridge</c>), "established" becomes stateless — TCP segments that do not open a
/// connection (anything but SYN without ACK) pass, so TCP replies flow while new connections meet
/// the rules; UDP and ICMP replies meet the rules like any packet. Where it has no bridge reject
/// (<c>nft_reject_bridge</c>), reject rules drop.
/// </para>
/// </summary>
/// <param name="Family">The nft address family of the table: <c>inet</c> or <c>bridge</c>.</param>
/// <param name="Conntrack">Whether <c>ct state</c> works in that family.</param>
/// <param name="Reject">Whether <c>reject</c> works in that family.</param>
public sealed record NftDialect(string Family, bool Conntrack, bool Reject)
{
    /// <summary>The routed-tap table: conntrack and reject always exist for inet.</summary>
    public static NftDialect Inet { get; } = new(NftNames.Family, Conntrack: true, Reject: true);

    /// <summary>The bridged-tap table with what the kernel offers.</summary>
    public static NftDialect Bridge(bool conntrack, bool reject) => new(NftNames.BridgeFamily, conntrack, reject);

    /// <summary>The table as nft names it in commands: <c>FAMILY vmigrains</c>.</summary>
    public string Prefix => $"{Family} {NftNames.Table}";

    /// <summary>
    /// How <paramref name="policy"/> is weaker here than written, for the VMI's decision; null when it
    /// is enforced as written.
    /// </summary>
    public string? CaveatFor(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var notes = new List<string>();
        if (!Conntrack)
        {
            notes.Add($"stateless on this kernel ({Family} family has no connection tracking: nf_conntrack_bridge): " +
                "TCP replies pass as non-SYN segments, UDP/ICMP replies meet the rules");
        }

        if (!Reject && policy.Rules.Any(r => r.Action == RuleAction.Reject && r.App is null))
        {
            notes.Add($"reject rules drop instead (no {Family} reject on this kernel: nft_reject_bridge)");
        }

        return notes.Count == 0 ? null : string.Join("; ", notes);
    }
}
