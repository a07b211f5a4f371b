using System.Net;
using System.Text.Json.Nodes;

namespace VmiGrains.Silo.Tests.Api;

[Collection(ApiSiloDefinition.Name)]
public sealed class ProfileApiTests(ApiSiloFixture fixture)
{
    private static string Example(string id, string? newId = null, Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("examples", "profiles", $"{id}.json")))!;
        if (newId is not null)
        {
            node["id"] = newId;
        }

        change?.Invoke(node);
        return node.ToJsonString();
    }

    [Fact]
    public async Task ListProfiles_AfterApply_ListsEveryExample()
    {
        using var client = fixture.Reader();
        var profiles = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/profiles"));
        var ids = profiles.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("ux-personalization", ids);
        Assert.Contains("security-audit", ids);
        Assert.All(profiles.EnumerateArray(), p => Assert.True(p.GetProperty("latest_version").GetInt32() >= 1));
    }

    [Fact]
    public async Task GetProfile_Known_ReturnsCanonicalDocumentWithVersion()
    {
        using var client = fixture.Reader();
        var profile = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/profiles/ux-personalization?version=1"));
        Assert.Equal(1, profile.GetProperty("version").GetInt32());
        Assert.Equal("ux-personalization", profile.GetProperty("document").GetProperty("id").GetString());
        Assert.True(profile.GetProperty("document").GetProperty("resource_weights").GetProperty("cpu").GetDouble() > 0);
    }

    [Fact]
    public async Task GetProfile_UnknownOrMissingVersion_Is404NamingIt()
    {
        using var client = fixture.Reader();
        var unknown = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/profiles/no-such-profile"), 404);
        Assert.Contains("no-such-profile", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var version = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/profiles/ux-personalization?version=99"), 404);
        Assert.Contains("version", Http.Paths(version));
        Assert.Contains("99", version.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryValuesOfTheWrongType_Are400ProblemsNamingTheParameterNotABare400()
    {
        using var reader = fixture.Reader();
        using var writer = fixture.Writer();

        var version = await Http.AssertProblemAsync(await reader.GetAsync("/api/v1/profiles/ux-personalization?version=abc"), 400);
        var force = await Http.AssertProblemAsync(await writer.DeleteAsync("/api/v1/profiles/ux-personalization?force=maybe"), 400);

        var error = Assert.Single(version.GetProperty("errors").EnumerateArray());
        Assert.Equal(("version", "must be a whole number", "\"abc\"", "e.g. ?version=2"),
            (error.GetProperty("path").GetString(), error.GetProperty("message").GetString(), error.GetProperty("value").GetString(), error.GetProperty("fix").GetString()));
        Assert.Equal(["force"], Http.Paths(force));
        Assert.Contains("true or false", force.GetRawText(), StringComparison.Ordinal);
        using var still = await reader.GetAsync("/api/v1/profiles/ux-personalization"); // the refused delete deleted nothing
        Assert.Equal(200, (int)still.StatusCode);
    }

    [Fact]
    public async Task History_KnownAndUnknown_ListsVersionsOr404()
    {
        using var client = fixture.Reader();
        var history = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/profiles/security-audit/history"));
        Assert.Equal(1, history[0].GetProperty("version").GetInt32());
        await Http.AssertProblemAsync(await client.GetAsync("/api/v1/profiles/no-such-profile/history"), 404);
    }

    [Fact]
    public async Task Apply_NewThenSameThenChanged_CreatesThenUnchangedThenVersion2()
    {
        using var client = fixture.Writer();
        var json = Example("minimal-footprint", "api-apply-test");
        using var first = await client.PostAsync("/api/v1/profiles", Http.Json(json));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/v1/profiles/api-apply-test?version=1", first.Headers.Location?.ToString());
        using var same = await client.PostAsync("/api/v1/profiles", Http.Json(json));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.False((await Http.ReadJsonAsync(same)).GetProperty("created").GetBoolean());
        var changed = Example("minimal-footprint", "api-apply-test", n => n["name"] = "Renamed");
        using var second = await client.PutAsync("/api/v1/profiles/api-apply-test", Http.Json(changed));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await Http.ReadJsonAsync(second)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Apply_InvalidDocument_Is400ListingEveryErrorWithPaths()
    {
        using var client = fixture.Writer();
        var json = Example("ux-personalization", "api-invalid", n =>
        {
            n["resource_weights"]!["cpu"] = -1;
            n.AsObject().Remove("name");
        });
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/profiles", Http.Json(json)), 400);
        var paths = Http.Paths(problem).ToList();
        Assert.Contains("$.name", paths);
        Assert.Contains(paths, p => p.StartsWith("$.resource_weights", StringComparison.Ordinal));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("fix").GetString())));
        await Http.AssertProblemAsync(await client.GetAsync("/api/v1/profiles/api-invalid"), 404);
    }

    [Fact]
    public async Task Apply_MalformedJson_Is400()
    {
        using var client = fixture.Writer();
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/profiles", Http.Json("{\"id\": ")), 400);
        Assert.StartsWith("$", Http.Paths(problem).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_IdDiffersFromUrl_Is400NamingId()
    {
        using var client = fixture.Writer();
        var problem = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/profiles/other-id", Http.Json(Example("minimal-footprint"))), 400);
        Assert.Contains("$.id", Http.Paths(problem));
    }

    [Fact]
    public async Task Delete_AttachedThenForcedThenUnknown_Is409Then204Then404()
    {
        using var client = fixture.Writer();
        using var created = await client.PostAsync("/api/v1/profiles", Http.Json(Example("minimal-footprint", "api-delete-test")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var attach = await client.PutAsync("/api/v1/vms/db-01/profile", Http.Json("""{"profile":"api-delete-test"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);

        var conflict = await Http.AssertProblemAsync(await client.DeleteAsync("/api/v1/profiles/api-delete-test"), 409);
        Assert.Contains("force=true", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var forced = await client.DeleteAsync("/api/v1/profiles/api-delete-test?force=true");
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        var vm = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/db-01"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, vm.GetProperty("profile_id").ValueKind);
        await Http.AssertProblemAsync(await client.DeleteAsync("/api/v1/profiles/api-delete-test"), 404);
    }
}
