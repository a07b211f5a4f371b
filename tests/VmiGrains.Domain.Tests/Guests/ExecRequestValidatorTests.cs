using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Guests;

public sealed class ExecRequestValidatorTests
{
    [Fact]
    public void Validate_GoodRequest_NoErrors() =>
        Assert.Empty(ExecRequestValidator.Validate(new ExecRequest("/bin/echo", ["x"]) { Nice = -20, Timeout = TimeSpan.FromHours(24) }, GuestOsFamily.Linux));

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldWithValueAndFix()
    {
        var request = new ExecRequest("bin/echo", ["ok", "bad\0"])
        {
            Nice = 20,
            Timeout = TimeSpan.Zero,
            Environment = new Dictionary<string, string> { ["A=B"] = "x" },
            Input = new byte[ExecRequestValidator.MaxInputBytes + 1],
        };

        var errors = ExecRequestValidator.Validate(request, GuestOsFamily.Linux);

        Assert.Equal(["path", "args[1]", "env[A=B]", "nice", "timeout", "input"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Fix)));
        Assert.Equal("path: the program path is not absolute (got \"bin/echo\"); give a full path such as /usr/bin/env (the agent does not search a PATH you control)", errors[0].ToString());
        Assert.Equal("20", errors[3].Value);
    }

    [Theory]
    [InlineData(@"C:\Windows\System32\cmd.exe", GuestOsFamily.Windows, true)]
    [InlineData(@"\\server\share\x.exe", GuestOsFamily.Windows, true)]
    [InlineData("/usr/bin/env", GuestOsFamily.Windows, false)]
    [InlineData(@"C:\x.exe", GuestOsFamily.Linux, false)]
    [InlineData("/usr/bin/env", GuestOsFamily.Unknown, true)]
    [InlineData("   ", GuestOsFamily.Linux, false)]
    public void Validate_Path_AbsoluteForTheFamily(string path, GuestOsFamily family, bool valid) =>
        Assert.Equal(valid, ExecRequestValidator.Validate(new ExecRequest(path, []), family).Count == 0);

    [Fact]
    public void Validate_NegativeTimeout_RefusedNamingTimeout() =>
        Assert.Equal("timeout", Assert.Single(ExecRequestValidator.Validate(new ExecRequest("/bin/true", []) { Timeout = TimeSpan.FromSeconds(-1) }, GuestOsFamily.Linux)).Path);

    [Theory]
    [InlineData("nginx", 0, 0)]
    [InlineData("", 0, 1)]
    [InlineData("/usr/sbin/nginx", 0, 1)]
    [InlineData("nginx", 19, 0)]
    [InlineData("nginx", -21, 1)]
    [InlineData("", 99, 2)]
    public void ValidateReprioritise_NameAndNice_ErrorCount(string app, int nice, int count) =>
        Assert.Equal(count, ExecRequestValidator.ValidateReprioritise(app, nice).Count);
}
