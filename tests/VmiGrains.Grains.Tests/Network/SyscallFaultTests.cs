using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>The strace command the builder produces really makes the program's syscall fail.</summary>
public sealed class SyscallFaultTests
{
    [Fact]
    public async Task Build_UnameFailsWithEperm_ProgramSeesTheInjectedError()
    {
        NetTools.Require(NetTools.Strace);
        var command = StraceCommandBuilder.Build(new SyscallFault("uname", "EPERM"), "/usr/bin/uname", ["-s"], NetTools.Strace);

        var (code, stdout, stderr) = await Proc.RunAsync(command.Path, command.Args);

        Assert.NotEqual(0, code);
        Assert.Contains("Operation not permitted", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Build_FaultOnLaterCallsOnly_FirstCallsSucceed()
    {
        NetTools.Require(NetTools.Strace);
        var command = StraceCommandBuilder.Build(new SyscallFault("uname", "EPERM", "5+"), "/usr/bin/uname", ["-s"], NetTools.Strace);

        var (code, stdout, _) = await Proc.RunAsync(command.Path, command.Args);

        Assert.Equal(0, code);
        Assert.Equal("Linux", stdout.Trim());
    }
}
