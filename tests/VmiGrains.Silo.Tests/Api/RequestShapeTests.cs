using System.Net;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// What the attack run found (issue 19): Kestrel's own 414/431 had no body, ?since far in the past gave 500,
/// and an upper-case UUID (as virsh prints them) gave 404. Each now answers like the rest of the API.
/// </summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class RequestShapeTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task Get_RequestTargetOverTheLimit_Is414ProblemJsonNamingTheLimitAndFix()
    {
        using var client = fixture.Reader();

        var problem = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/vms/" + new string('a', 9000)), 414);

        Assert.Equal(["request target"], Http.Paths(problem));
        Assert.Equal("request target: must be at most 8192 bytes (got 9012 bytes); send long input in a JSON body instead of the path or query", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_HeadersOverTheLimit_Is431ProblemJson()
    {
        using var client = fixture.Reader();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/vms");
        request.Headers.Add("X-Padding", new string('p', 40_000));

        var problem = await Http.AssertProblemAsync(await client.SendAsync(request), 431);

        Assert.Equal(["headers"], Http.Paths(problem));
    }

    [Fact]
    public async Task Decisions_SinceFurtherBackThanTime_IsEverythingNot500()
    {
        using var client = fixture.Reader();

        using var all = await client.GetAsync("/api/v1/vms/db-01/decisions?since=99999999h");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await Http.ReadJsonAsync(all)).ValueKind);
    }

    [Fact]
    public async Task GetVm_UpperCaseUuid_FindsTheVmi()
    {
        using var client = fixture.Reader();
        var id = (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/db-01"))).GetProperty("vmi_id").GetString()!;

        using var upper = await client.GetAsync("/api/v1/vms/" + id.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(id, (await Http.ReadJsonAsync(upper)).GetProperty("vmi_id").GetString());
    }
}
