using System.Text;
using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Guests;

public sealed class GuestOutputTests
{
    [Fact]
    public void Decode_WithinLimit_TextUnchanged() =>
        Assert.Equal(("héllo\n", false), GuestOutput.Decode(B64("héllo\n"), truncatedByAgent: false, maxBytes: 100));

    [Fact]
    public void Decode_Null_Empty() => Assert.Equal((string.Empty, false), GuestOutput.Decode(null, false, 10));

    [Fact]
    public void Decode_OverLimit_CutWithMarkerAndCounts() =>
        Assert.Equal(("abc\n[output truncated: kept 3 of 6 bytes]\n", true), GuestOutput.Decode(B64("abcdef"), false, 3));

    [Fact]
    public void Decode_CutInsideAMultiByteCharacter_BacksUpToTheCharacterBoundary()
    {
        // "aé" is 61 C3 A9: a cut after 2 bytes would split é.
        var (text, truncated) = GuestOutput.Decode(B64("aéz"), false, 2);

        Assert.True(truncated);
        Assert.StartsWith("a\n" + GuestOutput.TruncationMarker, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void Decode_TruncatedByTheAgent_MarkedEvenWithinLimit() =>
        Assert.Equal(("xy\n[output truncated: kept 2 bytes; qemu-ga dropped the rest]\n", true), GuestOutput.Decode(B64("xy"), true, 100));

    [Theory]
    [InlineData("mswindows", "Microsoft Windows", null, GuestOsFamily.Windows)]
    [InlineData("debian", "Debian GNU/Linux", "6.1.0", GuestOsFamily.Linux)]
    [InlineData(null, null, null, GuestOsFamily.Unknown)]
    public void FamilyOf_OsInfoFields_Family(string? id, string? name, string? kernel, GuestOsFamily family) =>
        Assert.Equal(family, GuestOsInfo.FamilyOf(id, name, kernel));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
