using System.Net;

namespace VmiGrains.Silo.Tests.Api;

[Collection(ApiSiloDefinition.Name)]
public sealed class VmiApiTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task ListHosts_DemoHost_IsAvailableWithItsVmis()
    {
        using var client = fixture.Reader();
        var hosts = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/hosts"));
        var host = Assert.Single(hosts.EnumerateArray());
        Assert.Equal("demo-host-a", host.GetProperty("name").GetString());
        Assert.True(host.GetProperty("available").GetBoolean());
        Assert.Equal(5, host.GetProperty("vmis").GetInt32());
    }

    [Fact]
    public async Task NetworkCounters_HostWithoutNetworkEnforcement_EmptyList_UnknownVmi404()
    {
        using var client = fixture.Reader();
        var counters = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/network/counters"));
        Assert.Equal(0, counters.GetArrayLength()); // network enforcement is off on this silo: no chain of ours to count
        using var unknown = await client.GetAsync("/api/v1/vms/no-such-vm/network/counters");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ListVmis_FilteredByHostAndProfile_ReturnsMatchingOnly()
    {
        using var client = fixture.Writer();
        var all = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms?host=demo-host-a"));
        Assert.Equal(5, all.GetArrayLength());
        Assert.Equal(0, (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms?host=no-such-host"))).GetArrayLength());
        using var attach = await client.PutAsync("/api/v1/vms/render-01/profile", Http.Json("""{"profile":"high-performance-rendering"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        var filtered = await Eventually.GetAsync(
            async () => await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms?profile=high-performance-rendering")),
            list => list.GetArrayLength() == 1, what: "the fleet lists render-01 under its profile");
        Assert.Equal("render-01", filtered[0].GetProperty("name").GetString());

        // Labels from the domains' metadata (tests/fixtures/hosts): web-01 tier=web env=prod, web-02 tier=web env=staging.
        var web = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms?selector=tier%3Dweb,env!%3Dstaging"));
        Assert.Equal(["web-01"], web.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal("prod", web[0].GetProperty("labels").GetProperty("env").GetString());
        var bad = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/vms?selector=tier%3D%3D%3Dweb"), 400);
        Assert.Contains("selector", Http.Paths(bad));
    }

    [Fact]
    public async Task GetVmi_ByNameAndByUuid_ReturnsTheSameView()
    {
        using var client = fixture.Reader();
        var byName = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-02"));
        var id = byName.GetProperty("vmi_id").GetString();
        var byId = await Http.ReadJsonAsync(await client.GetAsync($"/api/v1/vms/{id}"));
        Assert.Equal("web-02", byId.GetProperty("name").GetString());
        Assert.Equal("demo-host-a", byId.GetProperty("host").GetString());
        Assert.Contains(byId.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("metric").GetString() == "cpu");
    }

    [Fact]
    public async Task GetVmi_Unknown_Is404NamingTheVmi()
    {
        using var client = fixture.Reader();
        var problem = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/vms/no-such-vm"), 404);
        Assert.Contains("vmi", Http.Paths(problem));
        Assert.Contains("no-such-vm", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachThenDetach_Web02_ChangesOnceAndRecordsDecisions()
    {
        using var client = fixture.Writer();
        var first = await Http.ReadJsonAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"video-encoding","version":1}""")));
        Assert.True(first.GetProperty("changed").GetBoolean());
        Assert.True(first.GetProperty("allocation").GetProperty("cpu_share").GetDouble() > 0);
        var again = await Http.ReadJsonAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"video-encoding"}""")));
        Assert.False(again.GetProperty("changed").GetBoolean());

        using var detach = await client.DeleteAsync("/api/v1/vms/web-02/profile");
        Assert.Equal(HttpStatusCode.NoContent, detach.StatusCode);
        var decisions = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-02/decisions?since=10m"));
        var what = decisions.EnumerateArray().Select(d => d.GetProperty("what").GetString()).ToList();
        Assert.Contains("profile video-encoding v1 attached", what);
        Assert.Contains("profile detached", what);
    }

    [Fact]
    public async Task Attach_BadBodies_Are400NamingTheField()
    {
        using var client = fixture.Writer();
        var typo = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profil":"video-encoding"}""")), 400);
        Assert.Contains("$.profil", Http.Paths(typo));
        var missing = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("{}")), 400);
        Assert.Contains("$.profile", Http.Paths(missing));
        var version = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"video-encoding","version":"two"}""")), 400);
        Assert.Contains("$.version", Http.Paths(version));
        var unknown = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/vms/web-02/profile", Http.Json("""{"profile":"no-such-profile"}""")), 400);
        Assert.Contains("no-such-profile", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_SamplesAndEvent_AreTakenInAndAnEventRuleFires()
    {
        using var client = fixture.Writer();
        using var attach = await client.PutAsync("/api/v1/vms/ci-runner-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        var accepted = await Http.ReadJsonAsync(await client.PostAsync("/api/v1/vms/ci-runner-01/feedback", Http.Json("""
            {"samples":[{"cpu":0.4,"mem":0.5,"net_rx":1000},{"cpu":0.6}],
             "events":[{"name":"login","fields":{"user":"eve","source_ip":"203.0.113.7","failed_attempts":3,"new_location":true}}]}
            """)));
        Assert.Equal(2, accepted.GetProperty("samples").GetInt32());
        Assert.Equal(1, accepted.GetProperty("events").GetInt32());
        var view = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/ci-runner-01"));
        var cpu = view.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "cpu");
        Assert.True(cpu.GetProperty("samples").GetInt32() >= 2);
        var decisions = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/ci-runner-01/decisions"));
        Assert.Contains(decisions.EnumerateArray(), d => d.GetProperty("reason").GetString()!.Contains("event login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feedback_InvalidBodies_Are400NamingTheField()
    {
        using var client = fixture.Writer();
        var range = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""{"samples":[{"cpu":1.5}]}""")), 400);
        Assert.Contains("samples[0].cpu", Http.Paths(range));
        var type = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""{"samples":[{"cpu":"high"}]}""")), 400);
        Assert.Contains("$.samples[0].cpu", Http.Paths(type));
        var field = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""{"samples":[{"cpuu":0.5}]}""")), 400);
        Assert.Contains("$.samples[0].cpuu", Http.Paths(field));
        var name = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""{"events":[{"name":"bad name!"}]}""")), 400);
        Assert.Contains("events[0].name", Http.Paths(name));
        var nested = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""{"events":[{"name":"login","fields":{"user":{"a":1}}}]}""")), 400);
        Assert.Contains("$.events[0].fields.user", Http.Paths(nested));
        await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("{}")), 400);
        await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/no-such-vm/feedback", Http.Json("""{"samples":[{"cpu":0.5}]}""")), 404);
    }

    [Fact]
    public async Task Decisions_SinceFormats_FilterOrAre400()
    {
        using var client = fixture.Writer();
        using var attach = await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        Assert.True((await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/decisions?since=1h"))).GetArrayLength() > 0);
        Assert.Equal(0, (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/decisions?since=2999-01-01T00:00:00Z"))).GetArrayLength());
        var bad = await Http.AssertProblemAsync(await client.GetAsync("/api/v1/vms/web-01/decisions?since=yesterday"), 400);
        Assert.Contains("since", Http.Paths(bad));
    }

    [Fact]
    public async Task Events_PushedEvent_ShownWithItsSourceAndSequence_AfterFilters_BadAfterIs400()
    {
        using var client = fixture.Writer();
        var marker = $"evt{Guid.NewGuid():N}"[..12];
        using var pushed = await client.PostAsync("/api/v1/vms/render-01/feedback", Http.Json($$$"""{"samples":[],"events":[{"name":"deploy","fields":{"marker":"{{{marker}}}"}}]}"""));
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

        using var reader = fixture.Reader();
        var events = await Http.ReadJsonAsync(await reader.GetAsync("/api/v1/vms/render-01/events"));
        var mine = events.EnumerateArray().Single(e => e.GetProperty("fields").TryGetProperty("marker", out var m) && m.GetString() == marker);
        Assert.Equal("deploy", mine.GetProperty("name").GetString());
        Assert.Equal("pushed", mine.GetProperty("source").GetString());
        var sequence = mine.GetProperty("sequence").GetInt64();
        Assert.DoesNotContain((await Http.ReadJsonAsync(await reader.GetAsync($"/api/v1/vms/render-01/events?after={sequence}"))).EnumerateArray(),
            e => e.GetProperty("sequence").GetInt64() <= sequence);
        var bad = await Http.AssertProblemAsync(await reader.GetAsync("/api/v1/vms/render-01/events?after=last"), 400);
        Assert.Contains("after", Http.Paths(bad));
    }
}
