using System.Text;
using VmiGrains.Domain.Json;

namespace VmiGrains.Domain.Tests.Json;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"name":"\ud800"}""", "$.name", "\"\\ud800\"")]
    [InlineData("""{"events":[{"name":"ok"},{"name":"x\udfffy"}]}""", "$.events[1].name", "\"x\\udfffy\"")]
    [InlineData("""{"a":{"b c":["\ud83d"]}}""", "$.a[\"b c\"][0]", "\"\\ud83d\"")]
    public void TryParse_EscapedLoneSurrogate_NamesPathAndValue(string json, string path, string value)
    {
        using var document = StrictJson.TryParse(json, default, out var errors);

        Assert.Null(document);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(value, error.Value);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
        Assert.Contains("replace it", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LoneSurrogateInFieldName_IsReported()
    {
        using var document = StrictJson.TryParse("""{"ok":1,"\udc00":2}""", default, out var errors);

        Assert.Null(document);
        Assert.Equal("has a field name that is not valid Unicode", Assert.Single(errors).Message);
    }

    [Fact]
    public void TryParse_RawLoneSurrogateInText_NamesLineAndColumn()
    {
        using var document = StrictJson.TryParse("{\n  \"name\": \"a\ud800\"\n}", default, out var errors);

        Assert.Null(document);
        var error = Assert.Single(errors);
        Assert.Equal("$", error.Path);
        Assert.Equal("is not valid Unicode at line 2, column 13: a lone UTF-16 surrogate", error.Message);
        Assert.Equal("\"\\ud800\"", error.Value);
    }

    [Fact]
    public void TryParse_SurrogatePairs_AreAccepted()
    {
        using var document = StrictJson.TryParse("""{"emoji":"\ud83d\ude00","raw":"😀"}""", default, out var errors);

        Assert.NotNull(document);
        Assert.Empty(errors);
        Assert.Equal("😀", document.RootElement.GetProperty("emoji").GetString());
    }

    [Fact]
    public void TryParse_ManyInvalidStrings_ReportsTenAndCountsTheRest()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("\"\\ud800\"", 25)) + "]";

        using var document = StrictJson.TryParse(json, default, out var errors);

        Assert.Equal(11, errors.Count);
        Assert.Equal("$[9]", errors[9].Path);
        Assert.Equal("15 more string(s) are not valid Unicode", errors[10].Message);
    }

    [Fact]
    public void TryParse_Malformed_GivesLineAndColumnWithoutDotNetSuffix()
    {
        using var document = StrictJson.TryParse("{\"a\":1,,}", default, out var errors);

        var error = Assert.Single(errors);
        Assert.StartsWith("malformed JSON at line 1, column 8: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_InvalidUtf8_NamesByteOffsetAndBytes()
    {
        byte[] bytes = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var text = StrictJson.TryDecode(bytes, out var error);

        Assert.Null(text);
        Assert.Equal("$: is not valid UTF-8 at byte 6 (got 0xC328227D); save or send the document encoded as UTF-8", error!.ToString());
    }

    [Fact]
    public void TryDecode_LeadingBom_IsSkipped()
    {
        var text = StrictJson.TryDecode([.. Encoding.UTF8.Preamble, .. "{}"u8], out var error);

        Assert.Equal("{}", text);
        Assert.Null(error);
    }
}
