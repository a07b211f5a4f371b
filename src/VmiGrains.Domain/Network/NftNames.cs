using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Names of everything VmiGrains owns in nftables. Ownership rule: the table <c>inet vmigrains</c>
/// (routed taps) or <c>bridge vmigrains</c> (bridged taps, see <see cref="NftDialect"/>) and everything
/// in it belongs to VmiGrains; nothing outside it is ever touched.
/// A VMI's chains are <c>vmi_TOKEN_in</c> (traffic to the VMI), <c>vmi_TOKEN_out</c> (traffic from
/// the VMI) and <c>vmi_TOKEN_shape</c> (simulated loss on traffic to the VMI), where TOKEN is
/// <see cref="Token"/> of the VMI id.
/// </summary>
public static partial class NftNames
{
    /// <summary>The address family of the table for routed taps.</summary>
    public const string Family = "inet";

    /// <summary>The address family of the table for taps that are bridge ports.</summary>
    public const string BridgeFamily = "bridge";

    /// <summary>The table name.</summary>
    public const string Table = "vmigrains";

    /// <summary>Verdict map: the VMI's tap as output interface → jump to its ingress chain.</summary>
    public const string ToVmiMap = "to_vmi";

    /// <summary>Verdict map: the VMI's tap as input interface → jump to its egress chain.</summary>
    public const string FromVmiMap = "from_vmi";

    /// <summary>Verdict map: the VMI's tap as output interface → jump to its loss-simulation chain.</summary>
    public const string ShapeToVmiMap = "shape_to_vmi";

    /// <summary>Prefix of every per-VMI chain.</summary>
    public const string VmiChainPrefix = "vmi_";

    /// <summary>Base chains (hooked) of the table, in the order they are created.</summary>
    public static IReadOnlyList<string> BaseChains { get; } = ["forward", "input", "output"];

    /// <summary>
    /// A name fragment for <paramref name="vmiId"/> that is a valid nft identifier, stable, and
    /// unique per id: a UUID becomes its 32 lowercase hex digits; an id of 1–40 characters in
    /// <c>[a-z0-9_]</c> is used as is; anything else becomes a sanitized prefix plus 12 hex digits
    /// of its SHA-256, so different ids never share chains.
    /// </summary>
    public static string Token(string vmiId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vmiId);
        if (Guid.TryParseExact(vmiId, "D", out var uuid))
        {
            return uuid.ToString("N", CultureInfo.InvariantCulture);
        }

        if (SimpleToken().IsMatch(vmiId))
        {
            return vmiId;
        }

        var sanitized = Unsafe().Replace(vmiId.ToLowerInvariant(), "_");
        if (sanitized.Length > 24)
        {
            sanitized = sanitized[..24];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(vmiId)))[..12];
        return $"{sanitized}_{hash}";
    }

    /// <summary>The chain holding rules for traffic to the VMI (its ingress).</summary>
    public static string IngressChain(string vmiId) => $"{VmiChainPrefix}{Token(vmiId)}_in";

    /// <summary>The chain holding rules for traffic from the VMI (its egress).</summary>
    public static string EgressChain(string vmiId) => $"{VmiChainPrefix}{Token(vmiId)}_out";

    /// <summary>The chain simulating packet loss on traffic to the VMI.</summary>
    public static string ShapeChain(string vmiId) => $"{VmiChainPrefix}{Token(vmiId)}_shape";

    /// <summary>Every chain name VmiGrains may create for <paramref name="vmiId"/>.</summary>
    public static IReadOnlyList<string> ChainsOf(string vmiId) =>
        [IngressChain(vmiId), EgressChain(vmiId), ShapeChain(vmiId)];

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex SimpleToken();

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex Unsafe();
}
