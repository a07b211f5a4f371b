namespace VmiGrains.Silo.Tests.Api;

/// <summary>A silo with tiny feedback limits (2 evaluations per turn, 3 queued), so the queue's refusal is deterministic.</summary>
public sealed class QueueLimitSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Vmi:MaxEventEvaluationsPerTurn"] = "2",
            ["VmiGrains:Vmi:MaxQueuedEvents"] = "3",
        });
        using var client = _silo.Client();
        using var profile = await client.PostAsync("/api/v1/profiles", Http.Json(await File.ReadAllTextAsync(RepoPaths.Of("examples", "profiles", "ux-personalization.json"))));
        profile.EnsureSuccessStatusCode();
        using var attach = await client.PutAsync("/api/v1/vms/db-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        attach.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
