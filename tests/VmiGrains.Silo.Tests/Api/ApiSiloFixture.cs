using System.Net.Http.Headers;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// One silo process for the REST API tests, with a read token and a write token configured, and
/// the example profiles applied through the API.
/// </summary>
public sealed class ApiSiloFixture : IAsyncLifetime
{
    public const string ReadToken = "read-token-0123456789abcdef";
    public const string WriteToken = "write-token-0123456789abcdef";

    /// <summary>A named token (<c>deployer</c>) with scopes read, write and exec.</summary>
    public const string ExecToken = "deployer-token-0123456789abcdef";

    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public HttpClient Reader() => Silo.Client(ReadToken);

    public HttpClient Writer() => Silo.Client(WriteToken);

    public HttpClient Deployer() => Silo.Client(ExecToken);

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Api:ReadTokens:0"] = ReadToken,
            ["VmiGrains:Api:WriteTokens:0"] = WriteToken,
            ["VmiGrains:Api:Tokens:deployer:Token"] = ExecToken,
            ["VmiGrains:Api:Tokens:deployer:Scopes"] = "read,write,exec",
            ["VmiGrains:Rollout:SoakPeriod"] = "00:00:02",
        }, ReadToken);
        // Deployer: red-team-drill's rules start programs, which needs exec as well as write (ProgramsFromRules).
        using var writer = Deployer();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json"))
        {
            using var content = new StringContent(await File.ReadAllTextAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await writer.PostAsync("/api/v1/profiles", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"applying {file} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
