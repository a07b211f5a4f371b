namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The <c>red-team-drill</c> example on a real guest: the event <c>drill</c> makes its rule start a port scan
/// with <c>run(...)</c>; the guest's busybox <c>nc</c> finds the one port a listener in the host's namespace
/// holds open (and the other closed), and the profile's second rule reacts to the scan's <c>run_finished</c>.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class RunDrillOnRealHostTests(RealVmHost host)
{
    [Fact]
    public async Task Drill_RunStartsAPortScanInTheGuest_ItsRunFinishedIsReportedByTheSecondRule()
    {
        var guest = host.Guests[0];
        using var listener = HostListener.Start(host, 9090);
        try
        {
            using var silo = await RealVmSilo.StartAsync(host);
            await silo.ApplyExampleProfileAsync("red-team-drill");
            await silo.WaitRegisteredAsync(guest);
            await silo.VmiAsync("vm", "attach", guest.Name, "red-team-drill");

            await silo.VmiAsync("vm", "feedback", guest.Name, "--event", "drill", "--field", $"target={host.HostIp}", "--field", "ports=9090 9091");
            var report = await Eventually.GetAsync(async () => await silo.VmiAsync("vm", "decisions", guest.Name),
                d => d.Contains("emit(drill_report", StringComparison.Ordinal), TimeSpan.FromSeconds(40), "the report rule saw run_finished");
            using var runs = await silo.JsonAsync("vm", "executions", guest.Name);

            var run = Assert.Single(runs.RootElement.EnumerateArray(), r => r.GetProperty("rule").GetString() == "drill");
            Assert.Equal("exited", run.GetProperty("state").GetString());
            Assert.Equal("/bin/sh", run.GetProperty("program").GetString());
            Assert.Equal(10, run.GetProperty("nice").GetInt32()); // the profile's drill: low
            Assert.Equal("open 9090\nclosed 9091\n", run.GetProperty("stdout").GetString()); // only the host namespace's listener answers
            Assert.Contains($"open_ports=1", report, StringComparison.Ordinal);
            Assert.Contains($"execution_id={run.GetProperty("execution_id").GetString()}", report, StringComparison.Ordinal);
            Assert.Contains("rule drill ran /bin/sh -c", report, StringComparison.Ordinal);
            var received = await listener.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("vmigrains-drill", received); // the probe the guest's nc sent reached the host namespace's listener

            // Detached before the silo stops: red-team-drill traces web servers, and a session left to its watchdog would
            // keep a sleep loop in the guest for the next test's observers to see.
            await silo.VmiAsync("vm", "detach", guest.Name);
        }
        finally
        {
            listener.Kill(entireProcessTree: true);
        }
    }
}
