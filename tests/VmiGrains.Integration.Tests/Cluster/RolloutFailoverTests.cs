using System.Net;
using System.Text;
using System.Text.Json;
using VmiGrains.Abstractions.Grains;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>
/// Issue 17's "done when", on real silo processes (Redis membership and reminders, Azure Table storage):
/// a rollout started through REST runs with no client driving it, survives <c>kill -9</c> of the silo
/// holding it (a reminder brings it back on another silo, which says so in its decisions), and a version
/// whose rule errors on the canary is stopped after the canary and rolled back by itself. The silos soak
/// each wave 3 s (<see cref="SiloCluster"/>).
/// </summary>
[Collection(SiloClusterDefinition.Name)]
public sealed class RolloutFailoverTests(SiloCluster cluster, ITestOutputHelper output)
{
    /// <summary>Two VMIs per demo host that no other test of the collection relies on staying put.</summary>
    private static readonly Dictionary<string, string[]> VmisByHost = new(StringComparer.Ordinal)
    {
        ["demo-host-a"] = ["web-02", "db-01"],
        ["demo-host-b"] = ["ci-runner-02", "db-02"],
        ["demo-host-c"] = ["batch-01", "edge-02"],
    };

    /// <summary>A reminder fires at most once a minute, after the dead silo's share of the ring moved; with death detection, this bounds the resumption.</summary>
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly TimeSpan Resumption = TimeSpan.FromSeconds(150);

    private static string Profile(string id, double cpu, string? rules = null) => $$"""
        {"id":"{{id}}","name":"{{id}}","resource_weights":{"cpu":{{cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"ram":0.2,"network":0.2,"storage":{{(0.6 - cpu).ToString(System.Globalization.CultureInfo.InvariantCulture)}}}{{(rules is null ? string.Empty : $", \"evaluation_interval\":\"200ms\", \"behavioral_rules\":{JsonSerializer.Serialize(rules)}")}}}
        """;

    [Fact]
    public async Task RestRollout_SiloHoldingItKilledMidRollout_ResumesOnAnotherSiloByItselfAndCompletes()
    {
        const string id = "it-kill-1";
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        // The silo holding the rollout is killed, and the rollout selects the other two hosts' VMIs, so what the
        // kill interrupts is the rollout alone.
        var holder = await HolderAsync(id);
        var victim = cluster.Silos.Single(s => s.SiloPort == holder.Endpoint.Port);
        var hosts = VmisByHost.Keys.Where(h => h != victim.Host).ToList();
        var vmis = await AttachAsync("it-roll-kill", hosts);
        await DefineAsync(Profile("it-roll-kill", 0.4));

        using var survivor = Http(cluster.Silos.First(s => s != victim));
        using (var started = await survivor.PostAsync("/api/v1/rollouts", Json(new { id, profile = "it-roll-kill", canary = "1", batch = 25, growth = 2, hosts })))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        }

        Assert.Equal(holder, await management.GetActivationAddress(cluster.Client.GetGrain<IRolloutGrain>(id)));
        var soaking = await Eventually.GetAsync(() => GetAsync(survivor, id), r => Wave(r, 0).GetProperty("status").GetString() == "soaking",
            TimeSpan.FromSeconds(30), "the canary soaking");
        Assert.Equal([1, 1, 2], soaking.GetProperty("waves").EnumerateArray().Select(w => w.GetProperty("vmis").GetInt32()));

        victim.Kill();
        try
        {
            // Nobody calls the rollout from here until every VMI moved: only its reminder can have brought it back.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var vmi in vmis)
            {
                await Eventually.GetAsync(() => cluster.Client.GetGrain<IVmiGrain>(vmi).GetAsync(), v => v.ProfileVersion == 2, Resumption, $"VMI {vmi} on v2 after the kill");
            }

            output.WriteLine($"every VMI on v2 {clock.Elapsed.TotalSeconds:F1} s after the kill");
            var done = await Eventually.GetAsync(() => GetAsync(survivor, id), r => r.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(30), "the rollout finished");
            Assert.True(done.GetProperty("status").GetString() == "completed", done.ToString());
            Assert.Equal(vmis.Count, done.GetProperty("switched").GetInt32());
            var decisions = done.GetProperty("decisions").EnumerateArray().ToList();
            var resumed = Assert.Single(decisions, d => d.GetProperty("kind").GetString() == "rollout-resume");
            Assert.DoesNotContain($":{victim.SiloPort}", resumed.GetProperty("what").GetString(), StringComparison.Ordinal);
            Assert.Matches(" while (canary|wave \\d+) (applying|soaking)$", resumed.GetProperty("what").GetString());
            Assert.NotEqual(holder, await management.GetActivationAddress(cluster.Client.GetGrain<IRolloutGrain>(id)));

            // Each VMI moved once, to v2: the step repeated after the resumption changed nothing twice.
            foreach (var vmi in vmis)
            {
                var switches = (await cluster.Client.GetGrain<IVmiGrain>(vmi).GetDecisionsAsync())
                    .Where(d => d.Kind == "profile" && d.Reason.Contains($"rollout {id}", StringComparison.Ordinal)).ToList();
                Assert.True(switches.Count == 1, $"{vmi}: {string.Join(" | ", switches)}");
            }
        }
        finally
        {
            await victim.StartAsync();
            await cluster.WaitForHostsAsync();
        }
    }

    [Fact]
    public async Task RestRollout_HostSiloKilledBeforeItsWave_GatePausesIt_ResumeAfterTheHostReturnsSwitchesTheRestAndCompletes()
    {
        const string id = "it-host-1";
        var holder = await HolderAsync(id);

        // The victim manages the last host the plan reaches (hosts in name order) and does not hold the rollout.
        var victim = cluster.Silos.Where(s => s.SiloPort != holder.Endpoint.Port).MaxBy(s => s.Host, StringComparer.Ordinal)!;
        var other = VmisByHost.Keys.Where(h => h != victim.Host).Min(StringComparer.Ordinal)!;
        string[] hosts = [other, victim.Host];
        var vmis = await AttachAsync("it-roll-host", hosts);
        await DefineAsync(Profile("it-roll-host", 0.4));
        using var http = Http(cluster.Silos.Single(s => s.SiloPort == holder.Endpoint.Port));
        using (var started = await http.PostAsync("/api/v1/rollouts", Json(new { id, profile = "it-roll-host", canary = "1", batch = 25, growth = 2, hosts })))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        }

        // canary and wave 1 on the other host, wave 2 (2 VMIs) on the victim's.
        await Eventually.GetAsync(() => GetAsync(http, id), r => Wave(r, 0).GetProperty("status").GetString() == "soaking", TimeSpan.FromSeconds(30), "the canary soaking");
        victim.Kill();
        JsonElement paused;
        try
        {
            paused = await Eventually.GetAsync(() => GetAsync(http, id), r => r.GetProperty("status").GetString() != "running", Resumption, "the rollout stopped by its gate");
            output.WriteLine(paused.ToString());
        }
        finally
        {
            await victim.StartAsync();
            await cluster.WaitForHostsAsync();
        }

        // Usually wave 2's gate fails (its host is down). An earlier wave's may fail instead: until the dead silo is
        // declared dead, calls that need its part of the grain directory fail, and a gate that cannot read a VMI
        // fails. Either way one wave failed, those before it passed and none after it started.
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        var statuses = paused.GetProperty("waves").EnumerateArray().Select(w => w.GetProperty("status").GetString()).ToList();
        var failed = statuses.IndexOf("failed");
        Assert.True(failed >= 0, string.Join(", ", statuses));
        Assert.All(statuses.Take(failed), w => Assert.Equal("passed", w));
        Assert.All(statuses.Skip(failed + 1), w => Assert.Equal("pending", w));
        Assert.Contains("unhealthy", Wave(paused, failed).GetProperty("gate").GetString(), StringComparison.Ordinal);

        using (var resumed = await http.PostAsync($"/api/v1/rollouts/{id}/resume", null))
        {
            Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());
        }

        var done = await Eventually.GetAsync(() => GetAsync(http, id), r => r.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(90), "the resumed rollout stopped");
        output.WriteLine(done.ToString());
        Assert.True(done.GetProperty("status").GetString() == "completed", done.ToString());
        Assert.Equal(vmis.Count, done.GetProperty("switched").GetInt32());
        var fleet = cluster.Client.GetGrain<IFleetGrain>(GrainKeys.Default);
        foreach (var vmi in vmis)
        {
            // One version everywhere: the VMI's own state and the index it reports to.
            Assert.Equal(2, (await cluster.Client.GetGrain<IVmiGrain>(vmi).GetAsync()).ProfileVersion);
            Assert.Equal(2, await Eventually.GetAsync(async () => (await fleet.ListVmisAsync(profileId: "it-roll-host")).Single(v => v.VmiId == vmi).ProfileVersion, v => v == 2, TimeSpan.FromSeconds(30), $"{vmi} indexed on v2"));
        }
    }

    [Fact]
    public async Task RestRollout_VersionWhoseRuleErrorsOnTheCanary_StopsAfterTheCanaryAndRollsItBack()
    {
        const string id = "it-gate-1";
        var vmis = await AttachAsync("it-roll-gate", [.. VmisByHost.Keys]);
        await DefineAsync(Profile("it-roll-gate", 0.4, "function on_tick(vmi)\n  error('the new version is broken')\nend"));

        using var http = Http(cluster.Silos[0]);
        using (var started = await http.PostAsync("/api/v1/rollouts", Json(new { id, profile = "it-roll-gate", canary = "1", batch = 50, auto_rollback = true })))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        }

        var done = await Eventually.GetAsync(() => GetAsync(http, id), r => r.GetProperty("status").GetString() is "rolled_back" or "completed" or "paused",
            TimeSpan.FromSeconds(60), "the rollout stopped by itself");
        output.WriteLine(done.ToString());
        Assert.Equal("rolled_back", done.GetProperty("status").GetString());
        var canary = Wave(done, 0);
        Assert.Equal("rolled_back", canary.GetProperty("status").GetString());
        Assert.Contains("rule error", canary.GetProperty("gate").GetString(), StringComparison.Ordinal);
        Assert.All(done.GetProperty("waves").EnumerateArray().Skip(1), w => Assert.Equal("pending", w.GetProperty("status").GetString()));
        var kinds = done.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["rollout-start", "rollout-wave", "rollout-gate", "rollout-rollback", "rollout-finish"], kinds);

        // Read from the VMIs, not the rollout: the canary went v1 → v2 → v1, every other VMI never left v1.
        var moved = 0;
        foreach (var vmi in vmis)
        {
            var grain = cluster.Client.GetGrain<IVmiGrain>(vmi);
            Assert.Equal(1, (await grain.GetAsync()).ProfileVersion);
            var switches = (await grain.GetDecisionsAsync()).Count(d => d.Kind == "profile" && d.Reason.Contains($"rollout {id}", StringComparison.Ordinal));
            Assert.True(switches is 0 or 2, $"{vmi}: {switches} rollout switch(es)");
            moved += switches / 2;
        }

        Assert.Equal(1, moved);
    }

    /// <summary>Activates rollout <paramref name="id"/>'s grain (an unknown id: a 404) and returns the silo that holds it.</summary>
    private async Task<SiloAddress> HolderAsync(string id)
    {
        using var http = Http(cluster.Silos[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/rollouts/{id}")).StatusCode);
        var holder = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.Client.GetGrain<IRolloutGrain>(id));
        Assert.NotNull(holder);
        return holder;
    }

    /// <summary>Defines <paramref name="profile"/> v1 and attaches it to the test's VMIs of <paramref name="hosts"/>; returns their ids.</summary>
    private async Task<List<string>> AttachAsync(string profile, IReadOnlyList<string> hosts)
    {
        await DefineAsync(Profile(profile, 0.3));
        var ids = new List<string>();
        foreach (var name in hosts.SelectMany(h => VmisByHost[h]))
        {
            var id = await cluster.VmiAsync(name);
            await cluster.Client.GetGrain<IVmiGrain>(id).ApplyProfileAsync(profile);
            ids.Add(id);
        }

        // The rollout selects from the VMI index, which learns of an attach a moment later.
        var fleet = cluster.Client.GetGrain<IFleetGrain>(GrainKeys.Default);
        await Eventually.GetAsync(() => fleet.ListVmisAsync(), l => l.Count(v => v.ProfileId == profile && v.ProfileVersion == 1) == ids.Count,
            TimeSpan.FromSeconds(30), $"{ids.Count} VMIs indexed on {profile} v1");
        return ids;
    }

    private async Task DefineAsync(string json)
    {
        var profile = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        await cluster.Client.GetGrain<IProfileGrain>(profile).DefineAsync(json);
    }

    private static HttpClient Http(SiloProcess silo) => new() { BaseAddress = new Uri(silo.HttpUrl), Timeout = TimeSpan.FromSeconds(60) };

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, SnakeCase), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> GetAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/v1/rollouts/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Wave(JsonElement rollout, int index) => rollout.GetProperty("waves")[index];
}
