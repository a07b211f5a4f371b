using System.Net;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>Scope exec is its own (write does not imply it), and decisions name the token that asked.</summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class ScopeTests(ApiSiloFixture fixture)
{
    private const string Exec = """{"path":"/bin/echo","args":["hello"]}""";

    [Fact]
    public async Task Exec_WithReadToken_Is403NamingScopeExec()
    {
        using var client = fixture.Reader();
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/exec", Http.Json(Exec)), 403);
        Assert.Contains("scope exec", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithWriteToken_Is403BecauseWriteDoesNotImplyExec()
    {
        using var client = fixture.Writer();
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/exec", Http.Json(Exec)), 403);
        Assert.Contains("WriteIncludesExec", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithExecScopedToken_PassesAuthorization()
    {
        using var client = fixture.Deployer();
        using var response = await client.PostAsync("/api/v1/vms/web-01/exec", Http.Json(Exec));
        // The test driver has no guest agent, so the run itself may fail; the token was let through.
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Attach_WithNamedToken_DecisionNamesTheToken()
    {
        using var client = fixture.Deployer();
        using var detach = await client.DeleteAsync("/api/v1/vms/render-01/profile");
        Assert.Equal(HttpStatusCode.NoContent, detach.StatusCode);
        using var attach = await client.PutAsync("/api/v1/vms/render-01/profile", Http.Json("""{"profile":"high-performance-rendering"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);

        var decisions = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/render-01/decisions"));
        var attached = decisions.EnumerateArray().Last(d => d.GetProperty("kind").GetString() == "profile");
        Assert.StartsWith("profile high-performance-rendering", attached.GetProperty("what").GetString(), StringComparison.Ordinal);
        Assert.Equal("token deployer", attached.GetProperty("caller").GetString());
    }
}
