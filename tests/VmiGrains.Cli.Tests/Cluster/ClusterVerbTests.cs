using System.Text.Json;

namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>Every cluster verb of the real <c>vmi</c> binary against a real silo process: output and exit codes.</summary>
[Collection(SiloDefinition.Name)]
public sealed class ClusterVerbTests(SiloProcessFixture silo)
{
    private static readonly string[] Examples = [.. Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json").Order(StringComparer.Ordinal)];

    private async Task ApplyExamplesAsync() => Assert.Equal(0, (await silo.VmiAsync(["profile", "apply", "-f", .. Examples])).ExitCode);

    [Fact]
    public async Task ProfileApply_Examples_CreatedThenUnchanged()
    {
        await ApplyExamplesAsync();

        var again = await silo.VmiAsync(["profile", "apply", "-f", Examples[0]]);

        Assert.Equal(0, again.ExitCode);
        Assert.EndsWith(": unchanged (version 1)\n", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileApply_InvalidFile_ExitTwoAndNothingSent()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"vmi-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, """{"id":"never-stored","name":"x","resource_weights":{"cpu":2,"ram":0,"network":0,"storage":0}}""");

        var result = await silo.VmiAsync(["profile", "apply", "-f", Examples[0], bad]);
        var show = await silo.VmiAsync("profile", "show", "never-stored");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{bad}: $.resource_weights.cpu: must be between 0 and 1 (got 2); use a fraction of the whole, e.g. 0.25 for a quarter", Assert.Single(result.ErrorLines));
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(2, show.ExitCode);
        Assert.Contains("unknown profile", show.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileApply_LoneSurrogate_ExitTwoNamingThePathAndNothingSent()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"vmi-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, """{"id":"never-stored-unicode","name":"x\ud800","resource_weights":{"cpu":1,"ram":0,"network":0,"storage":0}}""");

        var result = await silo.VmiAsync(["profile", "apply", "-f", bad]);
        var show = await silo.VmiAsync("profile", "show", "never-stored-unicode");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{bad}: $.name: is not valid Unicode", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, show.ExitCode);
    }

    [Fact]
    public async Task ProfileListShowHistory_TableAndJson()
    {
        await ApplyExamplesAsync();

        var table = await silo.VmiAsync("profile", "list");
        var json = await silo.VmiAsync("-o", "json", "profile", "list");
        var show = await silo.VmiAsync("profile", "show", "security-audit");
        var history = await silo.VmiAsync("profile", "history", "security-audit");

        Assert.StartsWith("ID ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("security-audit", table.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Contains(doc.RootElement.EnumerateArray(), p => p.GetProperty("id").GetString() == "ml-training" && p.GetProperty("latest_version").GetInt32() >= 1);
        Assert.StartsWith("# security-audit version 1", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"default\": \"deny\"", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("VERSION", history.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmRulesEnable_NothingDisabledOrAnUnknownRule_SaysSoOrExitsTwoNamingTheRule()
    {
        var none = await silo.VmiAsync("vm", "rules", "enable", "web-02");
        var unknown = await silo.VmiAsync("vm", "rules", "enable", "web-02", "no_such_rule");

        Assert.Equal(0, none.ExitCode);
        Assert.Equal("web-02: no rule was disabled", none.Stdout.Trim());
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("vmi: rule: is not disabled on this VMI (got \"no_such_rule\")", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostAndVmList_ShowTheDemoHost()
    {
        var hosts = await silo.VmiAsync("host", "list");
        var vms = await silo.VmiAsync("vm", "list", "--host", "demo-host-a");

        Assert.Equal(0, hosts.ExitCode);
        Assert.Contains("demo-host-a  up", hosts.Stdout, StringComparison.Ordinal);
        Assert.Contains("cpu_weight", hosts.Stdout, StringComparison.Ordinal);
        Assert.Contains("render-01", vms.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmList_BySelector_ListsOnlyMatchingVmisWithTheirLabels_ABadSelectorIsInvalidInput()
    {
        var web = await silo.VmiAsync("vm", "list", "-l", "tier=web");
        var bad = await silo.VmiAsync("vm", "list", "--selector", "tier=web,,");

        Assert.Equal(0, web.ExitCode);
        Assert.Contains("env=prod,tier=web", web.Stdout, StringComparison.Ordinal);
        Assert.Contains("env=staging,tier=web", web.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("render-01", web.Stdout, StringComparison.Ordinal);
        Assert.Contains("LABELS", web.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--selector", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("empty requirement", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmAttachShowDecisionsDetach_WholeCycle()
    {
        await ApplyExamplesAsync();

        var attach = await silo.VmiAsync("vm", "attach", "web-02", "minimal-footprint");
        var again = await silo.VmiAsync("vm", "attach", "web-02", "minimal-footprint");
        var show = await silo.VmiAsync("vm", "show", "web-02");
        var decisions = await silo.VmiAsync("vm", "decisions", "web-02", "--since", "10m");
        var detach = await silo.VmiAsync("vm", "detach", "web-02");

        Assert.Equal(0, attach.ExitCode);
        Assert.StartsWith("web-02: minimal-footprint v1 attached; cpu ", attach.Stdout, StringComparison.Ordinal);
        Assert.Equal("web-02: already on minimal-footprint v1; nothing changed\n", again.Stdout);
        Assert.Contains("profile     minimal-footprint v1", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("not enforced by this host's driver: cpu_weight", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("profile minimal-footprint v1 attached", decisions.Stdout, StringComparison.Ordinal);
        var attached = decisions.Stdout.Split('\n').Last(l => l.Contains("profile minimal-footprint v1 attached", StringComparison.Ordinal));
        Assert.Contains("gateway client (unauthenticated)", attached, StringComparison.Ordinal);
        Assert.Contains("CALLER", decisions.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal(0, detach.ExitCode);
    }

    [Fact]
    public async Task VmFeedback_EventRunsRules_AndBadInputIsRefused()
    {
        await ApplyExamplesAsync();
        await silo.VmiAsync("vm", "attach", "web-01", "ux-personalization");

        var login = await silo.VmiAsync("vm", "feedback", "web-01", "--event", "login", "--field", "source_ip=203.0.113.9", "--field", "failed_attempts=5");
        var json = await silo.VmiAsync("-o", "json", "vm", "show", "web-01");
        var badCpu = await silo.VmiAsync("vm", "feedback", "web-01", "--cpu", "1.5");
        var nothing = await silo.VmiAsync("vm", "feedback", "web-01");
        var badSince = await silo.VmiAsync("vm", "decisions", "web-01", "--since", "yesterday");
        var decisions = await silo.VmiAsync("-o", "json", "vm", "decisions", "web-01");

        Assert.Equal(0, login.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("security-audit", doc.RootElement.GetProperty("profile_id").GetString());
        Assert.Equal(2, badCpu.ExitCode);
        Assert.Equal("vmi: samples[0].cpu: must be a utilisation between 0 and 1 (got 1.5); send e.g. 0.85 for 85 %", Assert.Single(badCpu.ErrorLines));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal(2, badSince.ExitCode);
        Assert.Contains("--since", badSince.Stderr, StringComparison.Ordinal);
        using var log = JsonDocument.Parse(decisions.Stdout);
        var switched = log.RootElement.EnumerateArray().Last(d => d.GetProperty("kind").GetString() == "profile");
        Assert.StartsWith("rule ", switched.GetProperty("caller").GetString(), StringComparison.Ordinal);
        Assert.Contains(log.RootElement.EnumerateArray(), d => d.GetProperty("caller").GetString() == "gateway client (unauthenticated)");
    }

    [Fact]
    public async Task UnknownVmiOrProfile_ExitTwoWithTheFix()
    {
        var vm = await silo.VmiAsync("vm", "show", "no-such-vm");
        var profile = await silo.VmiAsync("vm", "attach", "db-01", "no-such-profile");
        var json = await silo.VmiAsync("-o", "json", "vm", "attach", "db-01", "no-such-profile");

        Assert.Equal(2, vm.ExitCode);
        Assert.Contains("see 'vmi vm list'", vm.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, profile.ExitCode);
        Assert.Contains("unknown profile", profile.Stderr, StringComparison.Ordinal);
        // -o json: the same refusal as one JSON object on stderr, the fields a script needs.
        Assert.Equal(2, json.ExitCode);
        using var error = JsonDocument.Parse(json.Stderr);
        var body = error.RootElement.GetProperty("error");
        Assert.Equal("invalid_request", body.GetProperty("kind").GetString());
        Assert.Equal(2, body.GetProperty("exit_code").GetInt32());
        var field = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        Assert.Contains("unknown profile", field.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(field.GetProperty("fix").GetString()));
    }

    [Fact]
    public async Task ProfileDelete_AttachedRefusedThenForced()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vmi-del-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"id":"cli-doomed","name":"D","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        await silo.VmiAsync("profile", "apply", "-f", file);
        await silo.VmiAsync("vm", "attach", "ci-runner-01", "cli-doomed");

        var refused = await silo.VmiAsync("profile", "delete", "cli-doomed");
        var forced = await silo.VmiAsync("profile", "delete", "cli-doomed", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("cli-doomed: deleted\n", forced.Stdout);
    }

    [Fact]
    public async Task Rollout_NewVersion_MovesEveryVmiThenRollsBack()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vmi-roll-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"id":"cli-roll","name":"R1","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        await silo.VmiAsync("profile", "apply", "-f", file);
        await silo.VmiAsync("vm", "attach", "render-01", "cli-roll");
        await silo.VmiAsync("vm", "attach", "db-01", "cli-roll");
        await File.WriteAllTextAsync(file, """{"id":"cli-roll","name":"R2","resource_weights":{"cpu":0.4,"ram":0.2,"network":0.2,"storage":0.2}}""");
        await silo.VmiAsync("profile", "apply", "-f", file);

        var forward = await silo.VmiAsync("rollout", "cli-roll", "--batch", "50");
        var list = await silo.VmiAsync("-o", "json", "vm", "list", "--profile", "cli-roll");
        var back = await silo.VmiAsync("-o", "json", "rollout", "cli-roll", "--to-version", "1");

        Assert.Equal(0, forward.ExitCode);
        Assert.StartsWith("cli-roll-", forward.Stdout, StringComparison.Ordinal);
        Assert.Contains(": cli-roll → v2 completed: 2 of 2 VMI(s) switched", forward.Stdout, StringComparison.Ordinal);
        Assert.Contains("canary gate passed", forward.Stderr, StringComparison.Ordinal);
        Assert.Contains("cli-roll → v2: 2/2", forward.Stderr, StringComparison.Ordinal);
        using var vms = JsonDocument.Parse(list.Stdout);
        Assert.All(vms.RootElement.EnumerateArray(), v => Assert.Equal(2, v.GetProperty("profile_version").GetInt32()));
        using var rolled = JsonDocument.Parse(back.Stdout);
        Assert.Equal(1, rolled.RootElement.GetProperty("to_version").GetInt32());
        Assert.Equal(2, rolled.RootElement.GetProperty("switched").GetInt32());
    }

    [Fact]
    public async Task RolloutDryRun_JsonCountsWhatTheNewRulesWouldDo_StartsNothing_WithDetachRefused()
    {
        // Set up over REST: each vmi process costs a second or two.
        using var http = new HttpClient { BaseAddress = silo.HttpUrl };
        static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
        const string Weights = "\"resource_weights\":{\"cpu\":0.25,\"ram\":0.25,\"network\":0.25,\"storage\":0.25}";
        (await http.PostAsync("/api/v1/profiles", Json($$"""{"id":"cli-whatif","name":"W1",{{Weights}}}"""))).EnsureSuccessStatusCode();
        foreach (var vmi in new[] { "web-01", "ci-runner-01" })
        {
            (await http.PutAsync($"/api/v1/vms/{vmi}/profile", Json("""{"profile":"cli-whatif"}"""))).EnsureSuccessStatusCode();
        }

        var past = DateTimeOffset.UtcNow.AddSeconds(-30).ToString("O");
        (await http.PostAsync("/api/v1/vms/web-01/feedback", Json($$"""{"events":[{"name":"deploy","timestamp":"{{past}}"}]}"""))).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/v1/profiles", Json($$"""
            {"id":"cli-whatif","name":"W2",{{Weights}},"behavioral_rules":[
              {"name":"escape","source":"function on_event(vmi, e)\n  if e.name == 'deploy' then return switch_profile('cli-locked') end\nend"},
              {"name":"boost","source":"function on_tick(vmi)\n  return set_weight('cpu', 0.9)\nend"}]}
            """))).EnsureSuccessStatusCode();
        try
        {
            var dry = await silo.VmiAsync("-o", "json", "rollout", "cli-whatif", "--dry-run");
            var refused = await silo.VmiAsync("rollout", "cli-whatif", "--dry-run", "--detach");

            Assert.True(dry.ExitCode == 0, dry.Stderr);
            using var report = JsonDocument.Parse(dry.Stdout);
            var root = report.RootElement;
            Assert.Equal(2, root.GetProperty("to_version").GetInt32());
            var totals = root.GetProperty("totals");
            Assert.Equal(2, totals.GetProperty("vmis").GetInt32());
            Assert.Equal(1, totals.GetProperty("switch_profile").GetInt32()); // web-01, on its deploy event
            Assert.Equal(1, totals.GetProperty("change_weights").GetInt32()); // ci-runner-01's ticks; web-01 left for cli-locked before its first tick
            Assert.Equal(0, totals.GetProperty("rule_errors").GetInt32());
            var web = Assert.Single(root.GetProperty("vmis").EnumerateArray(), v => v.GetProperty("name").GetString() == "web-01");
            Assert.Equal("cli-locked", web.GetProperty("switches_to").GetString());
            Assert.Equal(2, refused.ExitCode);
            var error = Assert.Single(refused.ErrorLines);
            Assert.StartsWith("vmi: --dry-run: cannot be combined with --detach", error, StringComparison.Ordinal);

            // Nothing started, nothing switched.
            using var rollouts = JsonDocument.Parse(await http.GetStringAsync("/api/v1/rollouts"));
            Assert.DoesNotContain(rollouts.RootElement.EnumerateArray(), r => r.GetProperty("request").GetProperty("profile_id").GetString() == "cli-whatif");
            using var vm = JsonDocument.Parse(await http.GetStringAsync("/api/v1/vms/web-01"));
            Assert.Equal(1, vm.RootElement.GetProperty("profile_version").GetInt32());
        }
        finally
        {
            await http.DeleteAsync("/api/v1/profiles/cli-whatif?force=true");
        }
    }

    [Fact]
    public async Task Rollout_BadBatch_IsInvalidInput()
    {
        var result = await silo.VmiAsync("rollout", "security-audit", "--batch", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_BadSoak_IsInvalidInputNamingTheOptionAndTheFix()
    {
        var result = await silo.VmiAsync("rollout", "security-audit", "--soak", "a-while");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--soak", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("a-while", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--soak 30s", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_NoGuestAgent_ExitOneWithTheReason()
    {
        await ApplyExamplesAsync();
        await silo.VmiAsync("vm", "attach", "web-02", "ux-personalization");

        var result = await silo.VmiAsync("exec", "web-02", "--", "/bin/true");
        var relative = await silo.VmiAsync("exec", "web-02", "--", "true");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no guest-agent path", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, relative.ExitCode);
        Assert.Contains("path", relative.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableGateway_ExitOneSayingNothingListensThere_BeforeTheConnectTimeout()
    {
        var port = TestServices.FreePort();
        var result = await VmiProcess.RunAsync("--gateway", $"127.0.0.1:{port}", "host", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot reach the cluster: nothing listens on gateway 127.0.0.1:{port} (connection refused 2 times)", result.Stderr, StringComparison.Ordinal);
        var json = await VmiProcess.RunAsync("-o", "json", "--gateway", $"127.0.0.1:{port}", "host", "list");
        Assert.Equal(1, json.ExitCode);
        using var error = JsonDocument.Parse(json.Stderr);
        Assert.Equal("cluster_unreachable", error.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("nothing listens", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadGateway_IsInvalidInput()
    {
        var result = await VmiProcess.RunAsync("--gateway", "nonsense", "host", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("vmi: --gateway: must be HOST:PORT of a silo gateway (got \"nonsense\"); e.g. 127.0.0.1:30000", Assert.Single(result.ErrorLines));
    }
}
