using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>Per-request work is bounded (issue 18): events per request and per turn, unknown ids, invalid Unicode.</summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class BoundsTests(ApiSiloFixture fixture)
{
    private const string Vm = "/api/v1/vms/db-01";

    private static string Events(int count, string name = "bounds_probe") =>
        $$"""{"events":[{{string.Join(",", Enumerable.Repeat($$"""{"name":"{{name}}"}""", count))}}]}""";

    [Fact]
    public async Task Feedback_MoreEventsThanTheLimit_Is400NamingCountLimitAndFix()
    {
        using var client = fixture.Writer();

        var problem = await Http.AssertProblemAsync(await client.PostAsync($"{Vm}/feedback", Http.Json(Events(10_000))), 400);

        Assert.Equal(["$.events"], Http.Paths(problem));
        Assert.Equal("$.events: has 10000 events; the limit per request is 500 (got 10000); send at most 500 events per request (split the batch), or raise VmiGrains:Vmi:MaxEventsPerBatch",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Feedback_MoreEventsThanOneTurn_AllAreEvaluatedInLaterTurns()
    {
        using var client = fixture.Writer();
        using var attach = await client.PutAsync($"{Vm}/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        var before = Prometheus.SumPrefix(await client.GetStringAsync("/metrics"), "vmigrains_rule_evaluations_total");

        using var response = await client.PostAsync($"{Vm}/feedback", Http.Json(Events(400)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, (await Http.ReadJsonAsync(response)).GetProperty("events").GetInt32());
        using var view = await client.GetAsync(Vm);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        await Eventually.GetAsync(() => client.GetStringAsync("/metrics"),
            text => Prometheus.SumPrefix(text, "vmigrains_rule_evaluations_total") - before >= 400,
            what: "on_event runs for all 400 events, 50 per turn");
    }

    [Fact]
    public async Task Feedback_LoneSurrogate_Is400NamingThePath()
    {
        using var client = fixture.Writer();

        var problem = await Http.AssertProblemAsync(await client.PostAsync($"{Vm}/feedback", Http.Json("""{"events":[{"name":"login","fields":{"user":"\ud800"}}]}""")), 400);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("$.events[0].fields.user", error.GetProperty("path").GetString());
        Assert.Equal("\"\\ud800\"", error.GetProperty("value").GetString());
        Assert.Contains("not valid Unicode", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_FarFutureTimestamp_Is400NamingThePath()
    {
        using var client = fixture.Writer();

        var problem = await Http.AssertProblemAsync(await client.PostAsync($"{Vm}/feedback", Http.Json("""{"samples":[{"cpu":0.5,"timestamp":"9999-12-31T23:59:59Z"}]}""")), 400);

        Assert.Equal(["samples[0].timestamp"], Http.Paths(problem));
    }

    [Fact]
    public async Task Apply_LoneSurrogateInName_Is400AndStoresNothing()
    {
        using var client = fixture.Writer();
        var before = await client.GetStringAsync("/api/v1/profiles");
        var json = (await File.ReadAllTextAsync(RepoPaths.Of("examples", "profiles", "ml-training.json")))
            .Replace("\"id\": \"ml-training\"", "\"id\": \"ml-training\", \"description\": \"x\\ud800\"", StringComparison.Ordinal);

        var problem = await Http.AssertProblemAsync(await client.PutAsync("/api/v1/profiles/ml-training", Http.Json(json)), 400);

        Assert.Equal(["$.description"], Http.Paths(problem));
        Assert.Equal(before, await client.GetStringAsync("/api/v1/profiles"));
    }

    [Fact]
    public async Task Apply_BytesThatAreNotUtf8_Is400NamingTheByte()
    {
        using var client = fixture.Writer();
        using var content = new ByteArrayContent([.. "{\"id\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/profiles", content), 400);

        Assert.Equal("$: is not valid UTF-8 at byte 7 (got 0xEDA08022); save or send the document encoded as UTF-8", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Lookups_UnknownProfilesAndVmis_ActivateNoGrain()
    {
        using var client = fixture.Reader();
        // Warm-up: the first lookups activate the catalog and every bucket of the VMI index, once.
        (await client.GetAsync("/api/v1/profiles/warm-up")).Dispose();
        (await client.GetAsync("/api/v1/vms/warm-up")).Dispose();
        var before = Prometheus.SumPrefix(await client.GetStringAsync("/metrics"), "orleans_catalog_activation_created");

        const int Lookups = 100;
        for (var i = 0; i < Lookups; i++)
        {
            using var profile = await client.GetAsync($"/api/v1/profiles/no-such-profile-{i}");
            Assert.Equal(HttpStatusCode.NotFound, profile.StatusCode);
            using var history = await client.GetAsync($"/api/v1/profiles/no-such-profile-{i}/history");
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
            using var vm = await client.GetAsync($"/api/v1/vms/no-such-vm-{i}");
            Assert.Equal(HttpStatusCode.NotFound, vm.StatusCode);
            using var uuid = await client.GetAsync($"/api/v1/vms/{Guid.NewGuid()}/decisions");
            Assert.Equal(HttpStatusCode.NotFound, uuid.StatusCode);
        }

        var after = Prometheus.SumPrefix(await client.GetStringAsync("/metrics"), "orleans_catalog_activation_created");
        Assert.True(after > 0, "the silo exports orleans_catalog_activation_created");
        // 400 lookups of things that do not exist; a few unrelated activations may happen meanwhile, one per lookup may not.
        Assert.True(after - before < 10, $"{after - before} activations during {4 * Lookups} unknown lookups");
    }

    [Fact]
    public async Task Apply_WrongContentType_Is4xxProblemAndStoresNothing()
    {
        using var client = fixture.Writer();
        var before = await client.GetStringAsync("/api/v1/profiles");
        var json = await File.ReadAllTextAsync(RepoPaths.Of("examples", "profiles", "ml-training.json"));
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
        {
            using var content = new StringContent(json.Replace("\"ml-training\"", "\"ct-probe\"", StringComparison.Ordinal), Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var response = await client.PostAsync("/api/v1/profiles", content);
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Equal(ApiProblemsContentType, response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await client.GetStringAsync("/api/v1/profiles"));
    }

    private const string ApiProblemsContentType = "application/problem+json";
}
