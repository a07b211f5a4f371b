using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The <c>red-team-drill</c> and <c>security-audit</c> examples on a real guest: busybox <c>httpd</c> serves a
/// page and CGI scripts; the syscalls observer attaches strace to it. The drill's <c>run(...)</c> attacks
/// the guest's own web server and the drill's audit rule reports the shell it started. A CGI run is a <c>syscall</c> event (execve of the script)
/// and nothing more; a storm of distinct execs stays within the observer's budget (at most 16 events a
/// poll, the rest counted in <c>observer_dropped</c>); a CGI that starts <c>/bin/sh</c> gets the VM
/// quarantined (switched to <c>quarantine</c>, deny by default), read from the real system: the page
/// that answered from the host's namespace under security-audit's narrowed network no longer does. After the switch no tracer, watchdog or file
/// of the observer is left in the guest.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class SyscallObserverOnRealGuestTests(RealVmHost host, ITestOutputHelper output)
{
    private const int Port = 8090;
    private const string Www = "/run/www";

    [Fact]
    public async Task WebServerStartsAShell_Quarantined_PortClosed_AndNoTracerLeftInTheGuest()
    {
        var guest = host.Guests[1];
        await GuestShell.RunAsync(host.Connection, guest,
            $"mkdir -p {Www}/cgi-bin && echo hi-web > {Www}/index.html && " +
            $"printf '#!/bin/sh\\necho Content-Type: text/plain; echo; echo app-ok\\n' > {Www}/cgi-bin/app && " +
            $"printf '#!/bin/sh\\necho Content-Type: text/plain; echo; for i in $(seq 40); do /nonexistent/p$i 2>/dev/null; done; echo storm-done\\n' > {Www}/cgi-bin/storm && " +
            $"printf '#!/bin/sh\\necho Content-Type: text/plain; echo; /bin/sh -c \"echo pwned\"\\n' > {Www}/cgi-bin/shell && chmod +x {Www}/cgi-bin/*");
        var httpd = GuestShell.Start(host.Connection, guest, $"exec httpd -f -p {Port} -h {Www}");
        try
        {
            Assert.Equal("hi-web", await Eventually.GetAsync(() => GetAsync(guest, "/"), a => a == "hi-web", TimeSpan.FromSeconds(20), "httpd answers"));
            using var silo = await RealVmSilo.StartAsync(host, "--VmiGrains:Network:Enabled=true", $"--VmiGrains:Network:NetworkNamespace={host.Netns}");
            await silo.ApplyExampleProfileAsync("quarantine");
            await silo.ApplyExampleProfileAsync("security-audit");
            await silo.ApplyExampleProfileAsync("red-team-drill");
            await silo.WaitRegisteredAsync(guest);

            // The drill: red-team-drill's run(...) asks the guest's own httpd for the CGI that starts a shell; its audit rule sees the shell.
            await silo.VmiAsync("vm", "attach", guest.Name, "red-team-drill");
            await TracedAsync(silo, guest, httpd, 1);
            await silo.VmiAsync("vm", "feedback", guest.Name, "--event", "web_drill", "--field", $"port={Port}", "--field", "path=/cgi-bin/shell");
            var detected = await Eventually.GetAsync(() => silo.VmiAsync("vm", "decisions", guest.Name), d => d.Contains("emit(drill_detected", StringComparison.Ordinal),
                TimeSpan.FromSeconds(40), "the drill's shell detected");
            Assert.Contains("path=/bin/sh", detected, StringComparison.Ordinal);
            Assert.Contains("rule web_shell_drill ran /bin/sh -c", detected, StringComparison.Ordinal);

            // security-audit: other syscall settings, a new session (it stops the drill's tracer itself and starts its own);
            // its network (deny by default) still lets the web port in.
            await silo.VmiAsync("vm", "attach", guest.Name, "security-audit");
            await TracedAsync(silo, guest, httpd, 2);
            Assert.Equal("hi-web", await GetAsync(guest, "/"));

            // A CGI run: its execve is an event, attributed to httpd; nothing is quarantined for it.
            Assert.Equal("app-ok", await GetAsync(guest, "/cgi-bin/app"));
            var cgi = await Eventually.GetAsync(() => SyscallEventsAsync(silo, guest), e => e.Any(x => x.Fields["path"] == "app"), TimeSpan.FromSeconds(30), "the CGI's execve observed");
            var run = cgi.First(x => x.Fields["path"] == "app");
            Assert.Equal(("httpd", "execve"), (run.Fields["app"], run.Fields["syscall"]));
            Assert.NotEqual(httpd.ToString(CultureInfo.InvariantCulture), run.Fields["pid"]); // httpd's child ran it

            // A storm of 40 distinct execs: at most 16 events a poll, the rest counted.
            Assert.Equal("storm-done", await GetAsync(guest, "/cgi-bin/storm"));
            var storm = await Eventually.GetAsync(() => EventsAsync(silo, guest), e => e.Any(x => x.Name == "observer_dropped"), TimeSpan.FromSeconds(30), "the budget dropped part of the storm");
            Assert.All(storm.Where(e => e.Source == "observer:syscalls").GroupBy(e => e.Time), poll => Assert.True(poll.Count() <= 17, $"{poll.Count()} events in one poll"));
            Assert.Contains("/nonexistent/", string.Join(' ', storm.Where(e => e.Name == "syscall").Select(e => e.Fields["path"])), StringComparison.Ordinal);
            Assert.Equal("security-audit", await ProfileOfAsync(silo, guest));

            // The takeover: a CGI that starts a shell. The rule quarantines; the page no longer answers from the namespace.
            var clock = Stopwatch.StartNew();
            Assert.Equal("pwned", await GetAsync(guest, "/cgi-bin/shell"));
            await Eventually.GetAsync(() => ProfileOfAsync(silo, guest), p => p == "quarantine", TimeSpan.FromSeconds(30), "quarantined by the rule");
            output.WriteLine($"execve(/bin/sh) in the guest → VMI on quarantine: {clock.Elapsed.TotalSeconds:0.00} s (observers every 1 s, TCG)");
            var decisions = await silo.VmiAsync("vm", "decisions", guest.Name);
            Assert.Contains("rule quarantine_shell of security-audit", decisions, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await Eventually.GetAsync(() => GetAsync(guest, "/"), a => a.Length == 0, TimeSpan.FromSeconds(20), "the page is blocked"));

            // quarantine observes nothing: the tracers are stopped and their files removed in the guest.
            Assert.Contains("syscalls observer's tracers stopped and its files removed in the guest", decisions, StringComparison.Ordinal);
            var left = await GuestShell.RunAsync(host.Connection, guest,
                "for f in $(grep -l -e 'vmigrains-trac[e]' -e '^strac[e]' /proc/[0-9]*/cmdline 2>/dev/null); do p=${f%/cmdline}; "
                + "echo \"${p#/proc/} $(cut -d' ' -f3,4 $p/stat 2>/dev/null) session $(tr '\\0' '\\n' < $f | sed -n 5p) $(tr '\\0' ' ' < $f | cut -c1-60)\"; done; ls -d /run/vmigrains-syscall[s] 2>/dev/null; exit 0");
            if (left.Trim().Length > 0)
            {
                output.WriteLine($"left in the guest (pid state ppid cmdline):\n{left}\ndecisions:\n{decisions}");
                await Task.Delay(TimeSpan.FromSeconds(20));
                output.WriteLine("20 s later: " + await GuestShell.RunAsync(host.Connection, guest, "grep -l -e 'vmigrains-trac[e]' -e '^strac[e]' /proc/[0-9]*/cmdline 2>/dev/null; exit 0"));
            }

            Assert.Equal(string.Empty, left.Trim());
            await silo.VmiAsync("vm", "detach", guest.Name);
        }
        finally
        {
            await GuestShell.RunAsync(host.Connection, guest, string.Create(CultureInfo.InvariantCulture, $"kill {httpd} 2>/dev/null; rm -rf {Www}; exit 0"));
        }
    }

    private sealed record Event(long Sequence, DateTimeOffset Time, string Name, string Source, Dictionary<string, string> Fields);

    /// <summary>The body of an HTTP/1.0 GET from the host's namespace; empty when nothing answered.</summary>
    private async Task<string> GetAsync(RealVmGuest guest, string path)
    {
        var result = await host.InNetnsAsync("sh", "-c", $"printf 'GET {path} HTTP/1.0\\r\\n\\r\\n' | timeout 5 nc -w 3 {guest.Ip} {Port}");
        var text = result.Stdout.Replace("\r", string.Empty, StringComparison.Ordinal);
        var body = text.IndexOf("\n\n", StringComparison.Ordinal);
        return body < 0 ? string.Empty : text[(body + 2)..].Trim();
    }

    private static async Task<List<Event>> EventsAsync(RealVmSilo silo, RealVmGuest guest)
    {
        using var json = await silo.JsonAsync("vm", "events", guest.Name);
        return [.. json.RootElement.EnumerateArray().Select(e => new Event(e.GetProperty("sequence").GetInt64(), e.GetProperty("time").GetDateTimeOffset(),
            e.GetProperty("name").GetString()!, e.GetProperty("source").GetString()!,
            e.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!)))];
    }

    private static async Task<List<Event>> SyscallEventsAsync(RealVmSilo silo, RealVmGuest guest) =>
        [.. (await EventsAsync(silo, guest)).Where(e => e.Name == "syscall" && e.Fields.ContainsKey("path"))];

    /// <summary>Waits for the <paramref name="times"/>-th "tracing httpd" decision (one per observer session).</summary>
    private static Task<List<string>> TracedAsync(RealVmSilo silo, RealVmGuest guest, long httpd, int times) =>
        Eventually.GetAsync(() => ObserverDecisionsAsync(silo, guest), d => d.Count(x => x == $"syscalls observer tracing httpd pid {httpd} (and its children)") >= times,
            TimeSpan.FromSeconds(40), $"strace attached to httpd ({times})");

    private static async Task<List<string>> ObserverDecisionsAsync(RealVmSilo silo, RealVmGuest guest)
    {
        using var json = await silo.JsonAsync("vm", "decisions", guest.Name);
        return [.. json.RootElement.EnumerateArray().Where(d => d.GetProperty("kind").GetString() == "observer").Select(d => d.GetProperty("what").GetString()!)];
    }

    private static async Task<string?> ProfileOfAsync(RealVmSilo silo, RealVmGuest guest)
    {
        using var json = await silo.JsonAsync("vm", "show", guest.Name);
        return json.RootElement.TryGetProperty("profile_id", out var p) ? p.GetString() : null;
    }
}
