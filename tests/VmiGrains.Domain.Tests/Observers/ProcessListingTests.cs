using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Observers;

public sealed class ProcessListingTests
{
    [Fact]
    public void LinuxCommand_PassesNamesAsArguments_CutToTheKernelsCommLength()
    {
        var command = ProcessListing.LinuxCommand(["nginx", "a-very-long-process-name", "/usr/bin/python3"]);

        Assert.Equal("/bin/sh", command.Path);
        Assert.Equal(["-c", ProcessListing.Script, "vmigrains-observe", "256", "nginx", "a-very-long-pro", "/usr/bin/python3"], command.Args);
    }

    [Fact]
    public void Parse_MapsIndexToTheProfilesEntry_AndSkipsBadLines()
    {
        var list = ProcessListing.Parse("12 0 root 1\n13 33 www-data 0\ngarbage\n14 0 root 9\n", ["nginx", "sh"]);

        Assert.False(list.Truncated);
        Assert.Equal([new GuestProcess(12, "sh", 0, "root"), new GuestProcess(13, "nginx", 33, "www-data")], list.Processes);
    }

    [Fact]
    public void Parse_TruncationMarker_IsReported()
    {
        Assert.True(ProcessListing.Parse("1 0 root 0\n+\n", ["sh"]).Truncated);
    }

    /// <summary>The script itself, run by this machine's /bin/sh against its own /proc: finds this test's shell child.</summary>
    [Fact]
    public async Task Script_OnARealProc_FindsARunningProcessByName()
    {
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30");
        try
        {
            var command = ProcessListing.LinuxCommand(["sleep", "/no/such/exe"]);
            var psi = new System.Diagnostics.ProcessStartInfo(command.Path) { RedirectStandardOutput = true };
            foreach (var a in command.Args)
            {
                psi.ArgumentList.Add(a);
            }

            using var sh = System.Diagnostics.Process.Start(psi)!;
            var output = await sh.StandardOutput.ReadToEndAsync();
            await sh.WaitForExitAsync();

            var list = ProcessListing.Parse(output, ["sleep", "/no/such/exe"]);
            Assert.Equal(0, sh.ExitCode);
            var mine = Assert.Single(list.Processes, p => p.Pid == sleeper.Id);
            Assert.Equal("sleep", mine.App);
            Assert.Equal(Environment.UserName, mine.User);
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
