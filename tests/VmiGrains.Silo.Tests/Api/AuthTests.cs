using System.Net;

namespace VmiGrains.Silo.Tests.Api;

[Collection(ApiSiloDefinition.Name)]
public sealed class AuthTests(ApiSiloFixture fixture)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/profiles" },
        { "GET", "/api/v1/profiles/ux-personalization" },
        { "GET", "/api/v1/profiles/ux-personalization/history" },
        { "POST", "/api/v1/profiles" },
        { "PUT", "/api/v1/profiles/ux-personalization" },
        { "DELETE", "/api/v1/profiles/ux-personalization" },
        { "GET", "/api/v1/hosts" },
        { "GET", "/api/v1/vms" },
        { "GET", "/api/v1/vms/web-01" },
        { "PUT", "/api/v1/vms/web-01/profile" },
        { "DELETE", "/api/v1/vms/web-01/profile" },
        { "POST", "/api/v1/vms/web-01/feedback" },
        { "GET", "/api/v1/vms/web-01/decisions" },
        { "GET", "/api/v1/rollouts" },
        { "GET", "/api/v1/rollouts/r-1" },
        { "POST", "/api/v1/rollouts" },
        { "POST", "/api/v1/rollouts/r-1/pause" },
        { "GET", "/metrics" },
        { "GET", "/dashboard/DashboardCounters" },
    };

    public static TheoryData<string, string> WriteEndpoints => new()
    {
        { "POST", "/api/v1/profiles" },
        { "PUT", "/api/v1/profiles/ux-personalization" },
        { "DELETE", "/api/v1/profiles/ux-personalization" },
        { "PUT", "/api/v1/vms/web-01/profile" },
        { "DELETE", "/api/v1/vms/web-01/profile" },
        { "POST", "/api/v1/vms/web-01/feedback" },
        { "POST", "/api/v1/rollouts" },
        { "POST", "/api/v1/rollouts/r-1/rollback" },
    };

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? Http.Json("{}") : null };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Is401ProblemNamingAuthorization(string method, string path)
    {
        using var client = fixture.Silo.Client();
        using var request = Request(method, path);
        var problem = await Http.AssertProblemAsync(await client.SendAsync(request), 401);
        Assert.Contains("Authorization", Http.Paths(problem));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithWrongToken_Is401(string method, string path)
    {
        using var client = fixture.Silo.Client("not-a-configured-token-at-all");
        using var request = Request(method, path);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task WriteEndpoint_WithReadToken_Is403NamingWriteTokens(string method, string path)
    {
        using var client = fixture.Reader();
        using var request = Request(method, path);
        var problem = await Http.AssertProblemAsync(await client.SendAsync(request), 403);
        Assert.Contains("WriteTokens", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileWhoseRulesStartPrograms_WriteTokenIs403NamingExec_NothingStored_ExecTokenDefinesIt()
    {
        const string Document = """
            {"id":"starts-programs","name":"Starts programs","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
             "allowed_programs":["/bin/echo"],"behavioral_rules":"function on_event(vmi, e) if e.name == 'go' then return run('/bin/echo', {'hi'}) end end"}
            """;
        using var writer = fixture.Writer();
        using var deployer = fixture.Deployer();
        using var reader = fixture.Reader();

        var problem = await Http.AssertProblemAsync(await writer.PutAsync("/api/v1/profiles/starts-programs", Http.Json(Document)), 403);
        var stored = await reader.GetAsync("/api/v1/profiles/starts-programs");
        var defined = await deployer.PutAsync("/api/v1/profiles/starts-programs", Http.Json(Document));

        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        Assert.Contains("needs scope exec as well as write", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        Assert.True(defined.IsSuccessStatusCode, await defined.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadEndpoints_WithReadToken_Succeed()
    {
        using var client = fixture.Reader();
        foreach (var path in new[] { "/api/v1/profiles", "/api/v1/hosts", "/api/v1/vms", "/api/v1/vms/web-01", "/metrics", "/dashboard/DashboardCounters" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task WriteTokenInCookie_GrantsReadOnly()
    {
        using var client = fixture.Silo.Client();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/vms");
        read.Headers.Add("Cookie", $"vmigrains_token={ApiSiloFixture.WriteToken}");
        using var readResponse = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);

        using var write = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/vms/web-01/profile");
        write.Headers.Add("Cookie", $"vmigrains_token={ApiSiloFixture.WriteToken}");
        using var writeResponse = await client.SendAsync(write);
        Assert.Equal(HttpStatusCode.Forbidden, writeResponse.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Anonymous_DescribesEveryEndpointAndTheBearerScheme()
    {
        using var client = fixture.Silo.Client();
        var document = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/openapi.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/profiles", "/api/v1/profiles/{id}", "/api/v1/profiles/{id}/history", "/api/v1/hosts", "/api/v1/vms", "/api/v1/vms/{vmi}", "/api/v1/vms/{vmi}/profile", "/api/v1/vms/{vmi}/feedback", "/api/v1/vms/{vmi}/decisions", "/api/v1/vms/{vmi}/events" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }
}
