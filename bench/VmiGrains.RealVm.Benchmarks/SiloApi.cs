using System.Net.Http.Headers;
using System.Text.Json;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>The silo's REST API with a read token: fast enough to poll inside a trial (the CLI starts a process per call).</summary>
internal sealed class SiloApi(string baseUrl, string readToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", readToken) } };

    /// <summary>When the VMI switched to <paramref name="profile"/> at or after <paramref name="since"/>; default when it has not.</summary>
    public async Task<DateTimeOffset> SwitchDecisionAsync(string vmi, string profile, DateTimeOffset since)
    {
        using var decisions = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/vms/{vmi}/decisions?since=10m"));
        return decisions.RootElement.EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString() == "profile"
                && d.GetProperty("after").GetString() is { } after && after.StartsWith(profile + " ", StringComparison.Ordinal))
            .Select(d => d.GetProperty("time").GetDateTimeOffset())
            .Where(t => t >= since)
            .DefaultIfEmpty()
            .Min();
    }

    /// <summary>When the VMI's first <c>emit(NAME …)</c> decision at or after <paramref name="since"/> was recorded; null when none yet.</summary>
    public async Task<DateTimeOffset?> EmitSinceAsync(string vmi, string name, DateTimeOffset since)
    {
        using var decisions = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/vms/{vmi}/decisions?since=10m"));
        return decisions.RootElement.EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString() == "emit" && d.GetProperty("what").GetString()!.StartsWith($"emit({name}", StringComparison.Ordinal))
            .Select(d => d.GetProperty("time").GetDateTimeOffset())
            .Where(t => t >= since)
            .Select(t => (DateTimeOffset?)t)
            .Min();
    }

    public async Task<string?> ProfileOfAsync(string vmi)
    {
        using var show = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/vms/{vmi}"));
        return show.RootElement.GetProperty("profile_id").GetString();
    }

    public void Dispose() => _http.Dispose();
}
