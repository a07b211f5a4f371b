using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class GuestAppFirewallCompilerTests
{
    [Fact]
    public void Compile_AppRules_MatchCgroupsInOrderThenDropOtherAppsForAllowRules()
    {
        var script = GuestAppFirewallCompiler.Compile(PolicySamples.Everything);

        Assert.Equal("""
            add table inet vmigrains_app
            delete table inet vmigrains_app
            add table inet vmigrains_app
            add chain inet vmigrains_app input { type filter hook input priority filter; policy accept; }
            add rule inet vmigrains_app input ct state established,related accept
            add chain inet vmigrains_app output { type filter hook output priority filter; policy accept; }
            add rule inet vmigrains_app output ct state established,related accept
            add rule inet vmigrains_app output socket cgroupv2 level 1 "vmigrains-app-firefox" tcp dport 443 counter accept comment "rule 7"
            add rule inet vmigrains_app output socket cgroupv2 level 1 "vmigrains-app-mailer" tcp dport 25 counter drop comment "rule 8"
            add rule inet vmigrains_app output tcp dport 443 counter drop comment "rule 7 other apps"

            """, script);
    }

    [Fact]
    public void Compile_NoAppRules_OnlyRemovesTheGuestTable()
    {
        Assert.Equal("add table inet vmigrains_app\ndelete table inet vmigrains_app\n", GuestAppFirewallCompiler.Compile(NetworkPolicy.AllowAll));
    }

    [Fact]
    public void Commands_AppRules_CreateEachCgroupThenLoadScriptThroughStdin()
    {
        var commands = GuestAppFirewallCompiler.Commands(PolicySamples.Everything);

        Assert.Equal(3, commands.Count);
        Assert.Equal(new[] { "-p", "/sys/fs/cgroup/vmigrains-app-firefox" }, commands[0].Args);
        Assert.Equal(new[] { "-p", "/sys/fs/cgroup/vmigrains-app-mailer" }, commands[1].Args);
        Assert.Equal("/usr/sbin/nft", commands[2].Path);
        Assert.Equal(GuestAppFirewallCompiler.Compile(PolicySamples.Everything), commands[2].Stdin);
    }

    [Fact]
    public void PathOf_AppNameWithQuote_IsRefused()
    {
        var error = Assert.Throws<NetworkConfigurationException>(() => AppCgroups.PathOf("fire\"fox"));

        Assert.Equal("app", error.Errors[0].Path);
    }
}
