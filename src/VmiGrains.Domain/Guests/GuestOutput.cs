using System.Globalization;
using System.Text;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// Decodes a QGA output stream (base64 <c>out-data</c>/<c>err-data</c>) into text bounded by a byte
/// limit. Rule: keep at most <c>maxBytes</c> bytes, cut back to a UTF-8 character boundary, decode,
/// and when anything was dropped (here, or by qemu-ga's own 16 MiB cap) append
/// <see cref="TruncationMarker"/> followed by what was kept.
/// </summary>
public static class GuestOutput
{
    /// <summary>The text that starts the line appended to truncated output.</summary>
    public const string TruncationMarker = "[output truncated";

    /// <summary>The decoded text and whether it was truncated; <c>null</c> input decodes to empty.</summary>
    public static (string Text, bool Truncated) Decode(string? base64, bool truncatedByAgent, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (string.IsNullOrEmpty(base64))
        {
            return truncatedByAgent ? (Marker(0, null), true) : (string.Empty, false);
        }

        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length <= maxBytes && !truncatedByAgent)
        {
            return (Encoding.UTF8.GetString(bytes), false);
        }

        var keep = CharBoundary(bytes, Math.Min(maxBytes, bytes.Length));
        var text = Encoding.UTF8.GetString(bytes, 0, keep);
        return (text + Marker(keep, truncatedByAgent ? null : bytes.Length), true);
    }

    private static string Marker(int kept, int? total) => total is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"\n{TruncationMarker}: kept {kept} of {t} bytes]\n")
        : string.Create(CultureInfo.InvariantCulture, $"\n{TruncationMarker}: kept {kept} bytes; qemu-ga dropped the rest]\n");

    /// <summary>The largest length ≤ <paramref name="length"/> that does not split a UTF-8 sequence.</summary>
    private static int CharBoundary(byte[] bytes, int length)
    {
        if (length >= bytes.Length)
        {
            return length;
        }

        var i = length;
        // Continuation bytes are 10xxxxxx; back up to the lead byte of the cut character.
        while (i > 0 && i > length - 4 && (bytes[i] & 0xC0) == 0x80)
        {
            i--;
        }

        return i;
    }
}
