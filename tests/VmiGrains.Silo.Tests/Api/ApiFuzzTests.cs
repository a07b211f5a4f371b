using System.Net.Http.Headers;
using System.Text.Json;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// Seeded mutations (<see cref="JsonMutator"/>) of valid REST bodies and of URLs against a real silo:
/// every answer is below 500, every refusal is problem+json naming a path, and a refused request
/// changes nothing (the profile list, and the VMI's profile, stay as they were).
/// </summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class ApiFuzzTests(ApiSiloFixture fixture)
{
    private const int Mutations = 120;
    private const string FuzzProfile = "fuzz-target";
    private const string Vm = "/api/v1/vms/db-01";

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain", "application/problem+json", "", "application/xml", "multipart/form-data; boundary=x"];

    private static string Profile(string example) =>
        File.ReadAllText(RepoPaths.Of("examples", "profiles", example)).Replace($"\"{Path.GetFileNameWithoutExtension(example)}\"", $"\"{FuzzProfile}\"", StringComparison.Ordinal);

    public static TheoryData<string> Examples() => ["ux-personalization.json", "security-audit.json", "degraded-network.json", "minimal-footprint.json"];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ApplyProfile_MutatedBodies_AreNever5xxAndRefusalsStoreNothing(string example)
    {
        using var client = fixture.Writer();
        var original = Profile(example);
        var mutator = new JsonMutator(seed: example.Length * 104729);
        for (var i = 0; i < Mutations; i++)
        {
            var body = mutator.MutateBytes(original);
            var before = await client.GetStringAsync("/api/v1/profiles");
            var (method, url) = (i % 2) == 0 ? (HttpMethod.Post, "/api/v1/profiles") : (HttpMethod.Put, $"/api/v1/profiles/{FuzzProfile}");
            var (status, problem) = await SendAsync(client, method, url, body, ContentTypes[i % ContentTypes.Length], $"{example} mutation {i} ({mutator.Last})");
            if (status >= 400)
            {
                Assert.Equal(before, await client.GetStringAsync("/api/v1/profiles"));
                Assert.NotNull(problem);
            }
        }
    }

    [Fact]
    public async Task Attach_MutatedBodies_AreNever5xxAndRefusalsChangeNothing()
    {
        using var client = fixture.Writer();
        const string Original = """{"profile":"ux-personalization","version":1}""";
        var mutator = new JsonMutator(seed: 17);
        for (var i = 0; i < Mutations; i++)
        {
            var body = mutator.MutateBytes(Original);
            var before = ProfileOf(await client.GetStringAsync(Vm));
            var (status, _) = await SendAsync(client, HttpMethod.Put, $"{Vm}/profile", body, ContentTypes[i % ContentTypes.Length], $"attach mutation {i} ({mutator.Last})");
            if (status >= 400)
            {
                Assert.Equal(before, ProfileOf(await client.GetStringAsync(Vm)));
            }
        }
    }

    [Fact]
    public async Task Feedback_MutatedBodies_AreNever5xx()
    {
        using var client = fixture.Writer();
        const string Original = """
            {"samples":[{"cpu":0.5,"mem":0.25,"net_rx":100,"net_tx":5,"io_read":0,"io_write":4096,"timestamp":"2026-12-01T10:00:00Z"}],
             "events":[{"name":"login","fields":{"user":"eve","failed_attempts":3,"ok":true},"timestamp":"2026-12-01T10:00:00Z"}]}
            """;
        var mutator = new JsonMutator(seed: 31);
        for (var i = 0; i < Mutations * 2; i++)
        {
            await SendAsync(client, HttpMethod.Post, $"{Vm}/feedback", mutator.MutateBytes(Original), ContentTypes[i % ContentTypes.Length], $"feedback mutation {i} ({mutator.Last})");
        }
    }

    [Theory]
    [InlineData("/api/v1/profiles/%ED%A0%80")]
    [InlineData("/api/v1/profiles/%00")]
    [InlineData("/api/v1/profiles/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/profiles/ux-personalization?version=abc")]
    [InlineData("/api/v1/profiles/ux-personalization?version=99999999999")]
    [InlineData("/api/v1/profiles/ux-personalization?version=-1")]
    [InlineData("/api/v1/vms/%ED%A0%80")]
    [InlineData("/api/v1/vms/db-01/decisions?since=%ED%A0%80")]
    [InlineData("/api/v1/vms/db-01/decisions?since=99999999999h")]
    [InlineData("/api/v1/vms/db-01/decisions?since=-10m")]
    [InlineData("/api/v1/vms/db-01/decisions?since=NaN")]
    [InlineData("/api/v1/vms?host=%00&profile=%ED%A0%80")]
    public async Task Get_HostileUrls_AreNever5xx(string url)
    {
        using var client = fixture.Reader();

        using var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sends one body; asserts the answer is not a server error, and a 4xx is problem+json with errors. Returns the status and problem.</summary>
    private async Task<(int Status, JsonElement? Problem)> SendAsync(HttpClient client, HttpMethod method, string url, byte[] body, string contentType, string what)
    {
        using var content = new ByteArrayContent(body);
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(method, url) { Content = content };

        // What a careful client does with a large upload: the server may refuse it (413, 415) without
        // reading it, and without 100-continue the client would still be writing when the server closes.
        request.Headers.ExpectContinue = body.Length > 64 * 1024;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"{what}: {body.Length} bytes as '{contentType}': no answer ({ex.InnerException?.Message ?? ex.Message}); the silo's log ends:\n{Tail(fixture.Silo.Log)}", ex);
        }

        using var answer = response;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{what}: {status} {text[..Math.Min(text.Length, 500)]}");
        if (status < 400)
        {
            return (status, null);
        }

        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {status} is not problem+json: {text[..Math.Min(text.Length, 300)]}");
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.True(problem.GetProperty("errors").GetArrayLength() > 0, $"{what}: no errors in {text}");
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("path").GetString()), $"{what}: an error without a path: {text}"));
        return (status, problem);
    }

    private static string Tail(string log) => log.Length <= 4000 ? log : log[^4000..];

    private static string ProfileOf(string view)
    {
        using var document = JsonDocument.Parse(view);
        var root = document.RootElement;
        return $"{root.GetProperty("profile_id")}@{root.GetProperty("profile_version")}";
    }
}
