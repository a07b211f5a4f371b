using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Dashboard;

/// <summary>
/// A silo with the default web settings: loopback and no tokens, as a new user runs it. The
/// browser cannot send bearer headers from the command line, so the pages are tested this way.
/// </summary>
public sealed class DashboardSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>());
        using var client = _silo.Client();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json"))
        {
            using var response = await client.PostAsync("/api/v1/profiles", Http.Json(await File.ReadAllTextAsync(file)));
            response.EnsureSuccessStatusCode();
        }

        using var attach = await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        attach.EnsureSuccessStatusCode();
        using var attachRender = await client.PutAsync("/api/v1/vms/render-01/profile", Http.Json("""{"profile":"high-performance-rendering"}"""));
        attachRender.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
