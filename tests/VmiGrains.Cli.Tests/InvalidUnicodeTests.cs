using System.Text;

namespace VmiGrains.Cli.Tests;

/// <summary>
/// Files with invalid Unicode get the one error line format and exit 2 — not a stack trace — from every
/// command that reads them (the decoder is the REST API's, <c>StrictJson</c>).
/// </summary>
public sealed class InvalidUnicodeTests
{
    private static readonly string Example = RepoPaths.Of("examples", "profiles", "ux-personalization.json");

    private static string WriteTemp(byte[] content, string extension = "json")
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmi-unicode-{Guid.NewGuid():N}.{extension}");
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] ExampleWith(string from, string to) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(Example).Replace(from, to, StringComparison.Ordinal));

    [Fact]
    public async Task Validate_EscapedLoneSurrogate_ExitsTwoNamingPathValueAndFix()
    {
        var file = WriteTemp(ExampleWith("\"name\": \"User", "\"name\": \"\\ud800User"));

        var result = await VmiProcess.RunAsync("profile", "validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{file}: $.name: is not valid Unicode (a lone UTF-16 surrogate or bytes that are not UTF-8) (got \"\\ud800User-Experience Personalization\"); "
            + "replace it with the intended character or remove it; text must be valid Unicode (UTF-8 encoded, surrogates only in pairs)", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BytesThatAreNotUtf8_ExitsTwoNamingTheByte()
    {
        var file = WriteTemp([.. "{\"id\": \"x"u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);

        var result = await VmiProcess.RunAsync("profile", "validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{file}: $: is not valid UTF-8 at byte 9 (got 0xEDA08022); save or send the document encoded as UTF-8", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Validate_BomAndSurrogatePairs_AreValid()
    {
        var file = WriteTemp([.. Encoding.UTF8.Preamble, .. ExampleWith("\"name\": \"User", "\"name\": \"😀 \\ud83d\\ude00 User")]);

        var result = await VmiProcess.RunAsync("profile", "validate", file);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task RulesTest_TraceWithLoneSurrogate_ExitsTwoNamingLineAndPath()
    {
        var trace = WriteTemp("""
            {"t":"2026-12-01T10:00:00Z","cpu":0.5}
            {"t":"2026-12-01T10:00:05Z","event":"login","fields":{"user":"\udc00"}}
            """u8.ToArray(), "jsonl");

        var result = await VmiProcess.RunAsync("rules", "test", "--profile", Example, "--replay", trace);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{trace}: line 2: $.fields.user: is not valid Unicode", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
