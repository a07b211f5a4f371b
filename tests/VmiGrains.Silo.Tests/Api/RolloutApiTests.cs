using System.Net;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// A rollout started through REST runs in the silo process and completes with no CLI running; its
/// requests are validated, a second one of the profile is refused (409) naming the first, and every
/// operation is idempotent.
/// </summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class RolloutApiTests(ApiSiloFixture fixture)
{
    private static string Profile(double cpu) => $$"""
{ "id": "rollout-rest", "name": "Rollout over REST",
  "resource_weights": { "cpu": {{cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "ram": 0.2, "network": 0.2, "storage": {{(0.6 - cpu).ToString(System.Globalization.CultureInfo.InvariantCulture)}} } }
""";

    [Fact]
    public async Task PostRollout_CompletesInTheSiloWithoutAClient()
    {
        using var writer = fixture.Writer();
        using var reader = fixture.Reader();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/api/v1/profiles", Http.Json(Profile(0.3)))).StatusCode);
        string[] vmis = ["web-01", "ci-runner-01"];
        foreach (var vmi in vmis)
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.PutAsync($"/api/v1/vms/{vmi}/profile", Http.Json("""{"profile":"rollout-rest"}"""))).StatusCode);
        }

        await Eventually.GetAsync(async () => await Http.ReadJsonAsync(await reader.GetAsync("/api/v1/vms?profile=rollout-rest")), l => l.GetArrayLength() == 2, what: "both VMIs listed under the profile");
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/api/v1/profiles", Http.Json(Profile(0.4)))).StatusCode);

        // Refused before anything starts: a read token, a bad batch, an unknown field.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest"}"""))).StatusCode);
        var badBatch = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","batch":0}""")), 400);
        Assert.Contains("batch", Http.Paths(badBatch));
        var badSoak = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","soak":"a while"}""")), 400);
        Assert.Contains("$.soak", Http.Paths(badSoak));
        var longSoak = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","soak":"25h"}""")), 400);
        Assert.Contains("soak", Http.Paths(longSoak));
        var unknown = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","canary_size":1}""")), 400);
        Assert.Contains("$.canary_size", Http.Paths(unknown));

        // The what-if (issue 17): the same body with dry_run, the same write scope; 200, and nothing starts.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","dry_run":true}"""))).StatusCode);
        using var dry = await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","batch":100,"dry_run":true,"id":"rest-1"}"""));
        Assert.True(dry.StatusCode == HttpStatusCode.OK, await dry.Content.ReadAsStringAsync());
        var whatIf = await Http.ReadJsonAsync(dry);
        Assert.Equal(2, whatIf.GetProperty("to_version").GetInt32());
        Assert.Equal(2, whatIf.GetProperty("totals").GetProperty("vmis").GetInt32());
        Assert.Equal(2, whatIf.GetProperty("totals").GetProperty("unaffected").GetInt32()); // v2 has no rules
        Assert.Equal([1, 1], whatIf.GetProperty("waves").EnumerateArray().Select(w => w.GetInt32()));
        await Http.AssertProblemAsync(await reader.GetAsync("/api/v1/rollouts/rest-1"), 404);

        using var started = await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","batch":100,"id":"rest-1","soak":"1s"}"""));
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/rollouts/rest-1", started.Headers.Location?.OriginalString);
        var conflict = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest"}""")), 409);
        Assert.Contains("rest-1", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var inUse = await Http.AssertProblemAsync(await writer.DeleteAsync("/api/v1/profiles/rollout-rest?force=true"), 409);
        Assert.Contains("rollout rest-1 of this profile is still running", inUse.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/rollouts/rest-1/abort", inUse.GetRawText(), StringComparison.Ordinal);

        // Nobody drives it from here on: the test only reads.
        var done = await Eventually.GetAsync(async () => await Http.ReadJsonAsync(await reader.GetAsync("/api/v1/rollouts/rest-1")),
            r => r.GetProperty("status").GetString() is "completed" or "paused" or "rolled_back", TimeSpan.FromSeconds(60), "the rollout finished in the silo");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("switched").GetInt32());
        Assert.StartsWith("token ", done.GetProperty("started_by").GetString(), StringComparison.Ordinal);
        Assert.Equal(["canary", "wave 1"], done.GetProperty("waves").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        foreach (var vmi in vmis)
        {
            Assert.Equal(2, (await Http.ReadJsonAsync(await reader.GetAsync($"/api/v1/vms/{vmi}"))).GetProperty("profile_version").GetInt32());
        }

        var list = await Http.ReadJsonAsync(await reader.GetAsync("/api/v1/rollouts"));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetString() == "rest-1");
        var paused = await Http.ReadJsonAsync(await writer.PostAsync("/api/v1/rollouts/rest-1/pause", null));
        Assert.Equal("completed", paused.GetProperty("status").GetString());
        await Http.AssertProblemAsync(await reader.GetAsync("/api/v1/rollouts/no-such-rollout"), 404);
        await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts/no-such-rollout/abort", null), 404);

        // Rolling rest-1 back while another rollout of the profile runs would fight it: 409 naming the running one.
        using (var second = await writer.PostAsync("/api/v1/rollouts", Http.Json("""{"profile":"rollout-rest","to_version":1,"id":"rest-2","soak":"1m"}""")))
        {
            Assert.True(second.StatusCode == HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        }

        var fight = await Http.AssertProblemAsync(await writer.PostAsync("/api/v1/rollouts/rest-1/rollback", null), 409);
        Assert.Contains("rollout rest-2 of this profile is still running", fight.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("aborted", (await Http.ReadJsonAsync(await writer.PostAsync("/api/v1/rollouts/rest-2/abort", null))).GetProperty("status").GetString());

        foreach (var vmi in vmis)
        {
            await writer.DeleteAsync($"/api/v1/vms/{vmi}/profile");
        }
    }
}
