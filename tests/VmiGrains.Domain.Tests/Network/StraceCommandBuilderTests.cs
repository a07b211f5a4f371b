using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class StraceCommandBuilderTests
{
    [Fact]
    public void Build_FaultWithWhen_WrapsProgramAfterDoubleDash()
    {
        var command = StraceCommandBuilder.Build(new SyscallFault("openat", "ENOENT", "3+"), "/usr/bin/app", ["--flag", "x"]);

        Assert.Equal("/usr/bin/strace", command.Path);
        Assert.Equal(["-f", "-qq", "-o", "/dev/null", "-e", "inject=openat:error=ENOENT:when=3+", "--", "/usr/bin/app", "--flag", "x"], command.Args);
    }

    [Theory]
    [InlineData("connect,sendto", "ECONNREFUSED", null)]
    [InlineData("%file", "EACCES", "2..4")]
    [InlineData("write", "EIO", "1+2")]
    public void Validate_ValidFaults_HaveNoErrors(string syscall, string errno, string? when)
    {
        Assert.Empty(StraceCommandBuilder.Validate(new SyscallFault(syscall, errno, when)));
    }

    [Fact]
    public void Build_BadSyscallErrnoWhenAndProgram_ReportsAllFour()
    {
        var error = Assert.Throws<NetworkConfigurationException>(() =>
            StraceCommandBuilder.Build(new SyscallFault("open;rm", "ENOPE", "5..2"), "", []));

        Assert.Equal(["inject_syscall_fault.syscall", "inject_syscall_fault.errno", "inject_syscall_fault.when", "program"], error.Errors.Select(e => e.Path));
        Assert.Equal("ENOPE", error.Errors[1].Value);
    }
}
