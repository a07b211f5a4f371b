using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// The observers through the grains, against the real qemu-ga standing in for db-01's guest (its
/// /proc is this machine's, its utmp this machine's: the users observer only proves it polls cleanly).
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class ObserverTests(ClusterFixture fixture)
{
    private static readonly string App = $"vmigob{Guid.NewGuid().ToString("N")[..6]}";

    private static string Profile => $$"""
        {"id":"observe-test","name":"Observe","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
         "observers":{"interval":"1s","users":true,"applications":["{{App}}"]},
         "behavioral_rules":[{"name":"lower_new_app","source":"function on_event(vmi, e)\n if e.name == 'app_start' and e.source == 'observer:applications' then return set_priority(e.fields.app, 'low') end\nend"}]}
        """;

    private System.Diagnostics.Process StartApp()
    {
        var copy = Path.Combine(fixture.Guest.Directory, App);
        if (!File.Exists(copy))
        {
            File.Copy("/bin/sleep", copy);
        }

        return fixture.Guest.StartInGuest(copy, "60");
    }

    [Fact]
    public async Task Observers_AppStartsAndStops_EventsWithSource_RuleActs_DetachStopsThem()
    {
        _ = fixture.Guest;
        var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
        await vmi.DetachAsync();
        await fixture.Client.GetGrain<IProfileGrain>("observe-test").DefineAsync(Profile);
        using var before = StartApp();
        await QemuGuestAgentGuest.WaitForCommAsync(before.Id, App);
        System.Diagnostics.Process? started = null;
        try
        {
            var since = DateTimeOffset.UtcNow;
            await vmi.ApplyProfileAsync("observe-test");
            var known = await vmi.GetEventsAsync();
            var baseline = known.Count > 0 ? known[^1].Sequence : 0;
            // Two polls (the baseline and one more) before the new process starts.
            await Task.Delay(TimeSpan.FromSeconds(2.5));

            started = StartApp();
            await QemuGuestAgentGuest.WaitForCommAsync(started.Id, App);
            var events = await Eventually.GetAsync(() => vmi.GetEventsAsync(baseline), e => e.Any(x => x.Name == "app_start"), TimeSpan.FromSeconds(20), "app_start observed");
            var start = Assert.Single(events, e => e.Name == "app_start");
            Assert.Equal("observer:applications", start.Source);
            Assert.Equal(App, start.Fields["app"]);
            Assert.Equal(started.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), start.Fields["pid"]);
            Assert.Equal(Environment.UserName, start.Fields["user"]);
            Assert.DoesNotContain(events, e => e.Fields.TryGetValue("pid", out var pid) && pid == before.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // The rule reacted to the observed event: the new process runs at low (nice 10) now.
            Assert.Equal(10, await Eventually.GetAsync(() => Task.FromResult(QemuGuestAgentGuest.NiceOf(started.Id)), n => n == 10, TimeSpan.FromSeconds(20), "reniced by the rule"));

            started.Kill();
            await started.WaitForExitAsync();
            var stop = Assert.Single(await Eventually.GetAsync(() => vmi.GetEventsAsync(start.Sequence), e => e.Any(x => x.Name == "app_stop"), TimeSpan.FromSeconds(20), "app_stop observed"),
                e => e.Name == "app_stop");
            Assert.Equal(start.Fields["pid"], stop.Fields["pid"]);

            var decisions = await vmi.GetDecisionsAsync(since);
            Assert.Contains(decisions, d => d.Kind == "observer" && d.What.StartsWith("observers started: users (login/logout), applications " + App, StringComparison.Ordinal));
            Assert.DoesNotContain(decisions, d => d.Kind == "observer" && d.What.Contains("could not read", StringComparison.Ordinal));

            await vmi.DetachAsync();
            Assert.Contains(await vmi.GetDecisionsAsync(since), d => d.Kind == "observer" && d.What == "observers stopped");
            var last = (await vmi.GetEventsAsync())[^1].Sequence;
            using var after = StartApp();
            await QemuGuestAgentGuest.WaitForCommAsync(after.Id, App);
            await Task.Delay(TimeSpan.FromSeconds(3));
            after.Kill();
            Assert.Empty(await vmi.GetEventsAsync(last));
        }
        finally
        {
            started?.Kill();
            before.Kill();
            await vmi.DetachAsync();
        }
    }
}
