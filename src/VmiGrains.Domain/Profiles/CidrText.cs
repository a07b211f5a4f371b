using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// CIDR blocks in policies: <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, or a bare address (a single host).
/// Host bits must be zero so the rule means what it says.
/// </summary>
public static class CidrText
{
    /// <summary>
    /// Parses and normalises a CIDR; on failure <paramref name="problem"/> says what is wrong and
    /// <paramref name="suggestion"/> may hold the block the user probably meant.
    /// </summary>
    public static bool TryNormalize(string text, out string normalized, out string? problem, out string? suggestion)
    {
        normalized = string.Empty;
        suggestion = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            problem = "is not an IPv4 or IPv6 address or CIDR block";
            return false;
        }

        var maxBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = maxBits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > maxBits))
        {
            problem = $"prefix length must be 0-{maxBits}";
            return false;
        }

        var network = Mask(address, bits);
        if (!network.Equals(address))
        {
            problem = "has host bits set after the prefix";
            suggestion = $"{network}/{bits}";
            return false;
        }

        problem = null;
        normalized = $"{network}/{bits}";
        return true;
    }

    private static IPAddress Mask(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
