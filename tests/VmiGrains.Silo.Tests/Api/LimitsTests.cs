using System.Net;
using System.Net.Http.Headers;

namespace VmiGrains.Silo.Tests.Api;

[Collection(ApiSiloDefinition.Name)]
public sealed class LimitsTests(ApiSiloFixture fixture)
{
    private const int Oversize = (512 * 1024) + 1;

    [Fact]
    public async Task Apply_BodyOverLimit_Is413NamingTheLimit()
    {
        using var client = fixture.Writer();
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/profiles", Http.Json(new string(' ', Oversize))), 413);
        Assert.Contains("body", Http.Paths(problem));
        Assert.Contains("MaxRequestBodyBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_ChunkedBodyOverLimit_Is413()
    {
        using var client = fixture.Writer();
        using var content = new StreamContent(new MemoryStream(new byte[Oversize]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vms/web-01/feedback") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await Http.AssertProblemAsync(await client.SendAsync(request), 413);
    }

    [Fact]
    public async Task Feedback_BodyUnderLimit_IsAccepted()
    {
        using var client = fixture.Writer();
        var samples = string.Join(",", Enumerable.Repeat("""{"cpu":0.25}""", 2000));
        using var response = await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json($$"""{"samples":[{{samples}}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_NotJson_Is415NamingContentType()
    {
        using var client = fixture.Writer();
        using var content = new StringContent("cpu=0.5", System.Text.Encoding.UTF8, "text/plain");
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", content), 415);
        Assert.Contains("Content-Type", Http.Paths(problem));
    }
}
