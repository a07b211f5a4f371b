using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Labels;

namespace VmiGrains.Domain.Tests.Labels;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> WebProd = new() { ["tier"] = "web", ["env"] = "prod" };
    private static readonly Dictionary<string, string> DbStaging = new() { ["tier"] = "db", ["env"] = "staging", ["canary"] = "yes" };

    [Theory]
    [InlineData("tier=web", true, false, false)]
    [InlineData("tier==web", true, false, false)]
    [InlineData(" tier = web , env = prod ", true, false, false)]
    [InlineData("env!=prod", false, true, true)]
    [InlineData("canary", false, true, false)]
    [InlineData("!canary", true, false, true)]
    [InlineData("tier!=web,!canary", false, false, true)]
    [InlineData("", true, true, true)]
    public void Matches_KubectlForms_AllRequirementsHold(string selector, bool webProd, bool dbStaging, bool unlabelled)
    {
        var s = LabelSelector.Parse(selector, "--selector");

        Assert.Equal((webProd, dbStaging, unlabelled), (s.Matches(WebProd), s.Matches(DbStaging), s.Matches(null)));
    }

    [Fact]
    public void Parse_BlankOrNull_IsAll()
    {
        Assert.Same(LabelSelector.All, LabelSelector.Parse(null, "selector"));
        Assert.Same(LabelSelector.All, LabelSelector.Parse("  ", "selector"));
    }

    [Theory]
    [InlineData("tier=web,,env=prod", "has an empty requirement (two commas, or a comma at an end)")]
    [InlineData("tier=web,", "has an empty requirement (two commas, or a comma at an end)")]
    [InlineData("=web", "'=web': label keys are 1-63 letters, digits, '.', '_', '/' or '-'")]
    [InlineData("my tier=web", "'my tier=web': label keys are 1-63 letters, digits, '.', '_', '/' or '-'")]
    [InlineData("tier=a=b", "'tier=a=b': the value may not contain '=' or '!', control characters, or more than 256 characters")]
    [InlineData("!", "'!': label keys are 1-63 letters, digits, '.', '_', '/' or '-'")]
    public void Parse_Invalid_NamesTheFieldThePartAndTheFix(string selector, string message)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => LabelSelector.Parse(selector, "--selector"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("--selector", error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal(selector, error.Value);
        Assert.Contains("tier=web,env!=prod", error.Fix, StringComparison.Ordinal);
    }
}
