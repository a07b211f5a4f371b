using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The observers on a real guest through a <c>vmi-silo</c>: a login written to the guest's utmp arrives
/// as a <c>login</c> event (source <c>observer:users</c>) and the profile's rule raises blender's priority
/// (read from the guest's /proc); a listed application's process starting and ending arrives as
/// <c>app_start</c>/<c>app_stop</c>; <c>vmi vm events</c> shows them; after detach nothing is observed.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class ObserversOnRealGuestTests(RealVmHost host)
{
    private const string ProfileId = "observe-real";
    private const string Utmp = GuestUtmp.Path;

    private const string ProfileJson = """
        {
          "id": "observe-real", "name": "Observe a real guest",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "observers": { "interval": "1s", "users": true, "applications": ["sleep"] },
          "behavioral_rules": [ { "name": "interactive", "source": "function on_event(vmi, e)\n  if e.source ~= 'observer:users' then return end\n  if e.name == 'login' then return set_priority('blender', 'high') end\n  if e.name == 'logout' then return set_priority('blender', 'normal') end\nend\n" } ]
        }
        """;

    [Fact]
    public async Task Observers_LoginAppStartStopAndDetach_EventsRuleActionAndSilenceAfterwards()
    {
        var guest = host.Guests[0];
        var profile = Path.Combine(Path.GetTempPath(), $"{ProfileId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, ProfileJson);
        try
        {
            using var silo = await RealVmSilo.StartAsync(host);
            await silo.VmiAsync("profile", "apply", "-f", profile);
            await silo.WaitRegisteredAsync(guest);
            await GuestShell.RunAsync(host.Connection, guest, $"rm -f {Utmp}");
            await silo.VmiAsync("vm", "attach", guest.Name, ProfileId);
            await Eventually.GetAsync(() => DecisionsAsync(silo, guest), d => d.Any(x => x.StartsWith("observers started", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "observers started");
            await Task.Delay(TimeSpan.FromSeconds(3)); // the baseline poll

            // A login: one utmp USER_PROCESS record, as login(1) writes it.
            var loginAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await GuestShell.RunAsync(host.Connection, guest, GuestUtmp.AppendCommand(GuestUtmp.Record("alice", "pts/7", loginAt)));
            var login = await Eventually.GetAsync(() => EventsAsync(silo, guest), e => e.Any(x => x.Name == "login"), TimeSpan.FromSeconds(30), "login observed");
            var loginEvent = Assert.Single(login, e => e.Name == "login");
            Assert.Equal("observer:users", loginEvent.Source);
            Assert.Equal("alice", loginEvent.Fields["user"]);
            await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after the observed login");

            // A listed application starts and ends.
            var pid = GuestShell.Start(host.Connection, guest, "exec sleep 25");
            var started = await Eventually.GetAsync(() => EventsAsync(silo, guest), e => e.Any(x => x.Name == "app_start"), TimeSpan.FromSeconds(30), "app_start observed");
            var start = Assert.Single(started, e => e.Name == "app_start");
            Assert.Equal("observer:applications", start.Source);
            Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), start.Fields["pid"]);
            Assert.Equal("root", start.Fields["user"]);
            await GuestShell.RunAsync(host.Connection, guest, string.Create(CultureInfo.InvariantCulture, $"kill {pid}"));
            var stopped = await Eventually.GetAsync(() => EventsAsync(silo, guest), e => e.Any(x => x.Name == "app_stop"), TimeSpan.FromSeconds(30), "app_stop observed");
            var stops = stopped.Where(e => e.Name == "app_stop").ToList();
            Assert.True(stops.Count == 1 && stops[0].Fields["pid"] == start.Fields["pid"],
                $"app_stop of pid {start.Fields["pid"]} expected alone; the stream: {string.Join("; ", stopped.Select(e => $"{e.Name} {string.Join(",", e.Fields.Select(f => $"{f.Key}={f.Value}"))}"))}; the guest: {await GuestShell.RunAsync(host.Connection, guest, "ps")}");

            // The logout: the record gone.
            await GuestShell.RunAsync(host.Connection, guest, $"rm -f {Utmp}");
            await Eventually.GetAsync(() => EventsAsync(silo, guest), e => e.Any(x => x.Name == "logout"), TimeSpan.FromSeconds(30), "logout observed");
            await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", 0, "after the observed logout");
            var table = await silo.VmiAsync("vm", "events", guest.Name);
            Assert.Contains("observer:users", table, StringComparison.Ordinal);
            Assert.Contains("observer:applications", table, StringComparison.Ordinal);

            // Detach: no observer activity afterwards, nothing of it left in the guest.
            await silo.VmiAsync("vm", "detach", guest.Name);
            Assert.Contains("observers stopped", await DecisionsAsync(silo, guest));
            var last = (await EventsAsync(silo, guest)).Max(e => e.Sequence);
            await GuestShell.RunAsync(host.Connection, guest, $"{GuestUtmp.AppendCommand(GuestUtmp.Record("bob", "pts/8", DateTimeOffset.UtcNow))}; sleep 1; rm -f {Utmp}");
            var quiet = GuestShell.Start(host.Connection, guest, "exec sleep 1");
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.DoesNotContain(await EventsAsync(silo, guest), e => e.Sequence > last);
            Assert.Equal(string.Empty, (await GuestShell.RunAsync(host.Connection, guest, "grep -l 'vmigrains-obs[e]rve' /proc/[0-9]*/cmdline 2>/dev/null; exit 0")).Trim());
            Assert.True(quiet > 0);
        }
        finally
        {
            await GuestShell.RunAsync(host.Connection, guest, $"rm -f {Utmp}");
            File.Delete(profile);
        }
    }

    private sealed record Event(long Sequence, string Name, string Source, Dictionary<string, string> Fields);

    private static async Task<List<Event>> EventsAsync(RealVmSilo silo, RealVmGuest guest)
    {
        using var json = await silo.JsonAsync("vm", "events", guest.Name);
        return [.. json.RootElement.EnumerateArray().Select(e => new Event(e.GetProperty("sequence").GetInt64(), e.GetProperty("name").GetString()!, e.GetProperty("source").GetString()!,
            e.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!)))];
    }

    private static async Task<List<string>> DecisionsAsync(RealVmSilo silo, RealVmGuest guest)
    {
        using var json = await silo.JsonAsync("vm", "decisions", guest.Name);
        return [.. json.RootElement.EnumerateArray().Where(d => d.GetProperty("kind").GetString() == "observer").Select(d => d.GetProperty("what").GetString()!)];
    }
}
