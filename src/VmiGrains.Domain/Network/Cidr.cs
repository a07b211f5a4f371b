using System.Net;
using System.Net.Sockets;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// A parsed CIDR block: <c>10.0.0.0/8</c>, <c>fd00::/8</c>, or a bare address (a /32 or /128).
/// </summary>
/// <param name="Address">The network address.</param>
/// <param name="PrefixLength">The prefix length.</param>
public sealed record Cidr(IPAddress Address, int PrefixLength)
{
    /// <summary>True for IPv6.</summary>
    public bool IsV6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Canonical text, e.g. <c>10.0.0.0/8</c>.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";

    /// <summary>Parses <paramref name="text"/>, or throws naming <paramref name="path"/>.</summary>
    public static Cidr Parse(string text, string path)
    {
        var withPrefix = text.Contains('/', StringComparison.Ordinal)
            ? text
            : text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
        var slash = withPrefix.IndexOf('/', StringComparison.Ordinal);
        if (!IPNetwork.TryParse(withPrefix, out var network)
            || !IPAddress.TryParse(withPrefix[..slash], out var given)
            || !given.Equals(network.BaseAddress))
        {
            throw new NetworkConfigurationException(new ValidationError(path, "not a CIDR block with the host bits zero", text,
                "write an address or network such as 10.0.0.0/8, 192.0.2.7 or fd00::/8"));
        }

        return new Cidr(network.BaseAddress, network.PrefixLength);
    }
}
