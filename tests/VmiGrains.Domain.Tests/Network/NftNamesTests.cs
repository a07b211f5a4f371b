using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NftNamesTests
{
    [Fact]
    public void Token_Uuid_IsItsHexDigits()
    {
        Assert.Equal(PolicySamples.Token, NftNames.Token(PolicySamples.VmiId));
        Assert.Equal(PolicySamples.Token, NftNames.Token(PolicySamples.VmiId.ToUpperInvariant()));
    }

    [Fact]
    public void Token_SimpleId_IsUsedAsIs()
    {
        Assert.Equal("web_01", NftNames.Token("web_01"));
        Assert.Equal("vmi_web_01_in", NftNames.IngressChain("web_01"));
    }

    [Fact]
    public void Token_IdsThatSanitizeAlike_StayDistinctAndValid()
    {
        var a = NftNames.Token("Web-01");
        var b = NftNames.Token("web.01");

        Assert.NotEqual(a, b);
        Assert.Matches("^[a-z0-9_]+$", a);
        Assert.StartsWith("web_01_", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_VeryLongId_StaysShort()
    {
        Assert.True(NftNames.EgressChain(new string('x', 500)).Length <= 64);
    }
}
