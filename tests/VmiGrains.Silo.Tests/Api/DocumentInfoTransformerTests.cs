using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using VmiGrains.Silo.Api;
using VmiGrains.Silo.Api.OpenApi;

namespace VmiGrains.Silo.Tests.Api;

public sealed class DocumentInfoTransformerTests
{
    private static async Task<string?> ServerAsync(string? publicUrl, string requestUrl)
    {
        var document = new OpenApiDocument { Info = new OpenApiInfo(), Servers = [new OpenApiServer { Url = requestUrl }] };
        await new DocumentInfoTransformer(Options.Create(new ApiOptions { PublicUrl = publicUrl })).TransformAsync(document, null!, CancellationToken.None);
        return Assert.Single(document.Servers).Url;
    }

    [Fact]
    public async Task Transform_NoPublicUrl_NamesTheRequestedUrlWithoutTrailingSlash() =>
        Assert.Equal("http://127.0.0.1:8080", await ServerAsync(null, "http://127.0.0.1:8080/"));

    [Fact]
    public async Task Transform_PublicUrl_NamesIt() =>
        Assert.Equal("https://vmigrains.example.com/control", await ServerAsync("https://vmigrains.example.com/control/", "http://10.0.0.5:8080/"));

    [Theory]
    [InlineData("vmigrains.example.com")]
    [InlineData("ftp://vmigrains.example.com")]
    [InlineData("https://vmigrains.example.com/?x=1")]
    public void Validate_PublicUrlNotAnHttpUrl_NamesKeyValueAndFix(string url)
    {
        var validator = new ApiOptionsValidator(new ConfigurationBuilder().Build());
        var result = validator.Validate(null, new ApiOptions { PublicUrl = url });
        var failure = Assert.Single(result.Failures!);
        Assert.Contains($"VmiGrains:Api:PublicUrl: must be an absolute http or https URL without query or fragment (got \"{url}\")", failure, StringComparison.Ordinal);
    }
}
