using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Generated nwfilter XML validates against libvirt's RNG schema (xmllint).</summary>
public sealed class NwFilterSchemaTests
{
    private const string Schema = "/usr/share/libvirt/schemas/nwfilter.rng";

    public static TheoryData<string> Policies() => new() { "every-kind", "allow-all", "deny-all", "ipv6-only", "app-only" };

    public static TheoryData<string> ExampleProfiles() =>
        [.. Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Policies))]
    public Task Compile_Policy_ValidatesAgainstLibvirtSchema(string name) => ValidateAsync(name, Policy(name));

    [Theory]
    [MemberData(nameof(ExampleProfiles))]
    public Task Compile_ExampleProfilePolicy_ValidatesAgainstLibvirtSchema(string file) =>
        ValidateAsync(file, VmiGrains.Domain.Profiles.ProfileParser.Parse(File.ReadAllText(RepoPaths.Of("examples", "profiles", file))).NetworkPolicy);

    private static async Task ValidateAsync(string name, NetworkPolicy policy)
    {
        NetTools.Require(NetTools.Xmllint, Schema);
        var xml = NwFilterCompiler.Compile("0f8fad5b-d9cb-469f-a165-70867728950e", policy);
        var file = Path.Combine(Path.GetTempPath(), $"vmig-nwfilter-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml);
        try
        {
            var (code, _, stderr) = await Proc.RunAsync(NetTools.Xmllint, ["--noout", "--relaxng", Schema, file]);

            Assert.True(code == 0, $"{name}: {stderr}\n{xml}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static NetworkPolicy Policy(string name) => name switch
    {
        "allow-all" => NetworkPolicy.AllowAll,
        "deny-all" => new NetworkPolicy(PolicyDefault.Deny, []),
        "ipv6-only" => new NetworkPolicy(PolicyDefault.Deny,
        [
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Udp, new PortRange(5000, 5100), "2001:db8::/32", RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Any, null, "::1", RuleAction.Reject, null),
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Icmp, null, "fe80::/10", RuleAction.Allow, null),
        ]),
        "app-only" => new NetworkPolicy(PolicyDefault.Allow,
        [
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(443, 443), null, RuleAction.Allow, "browser"),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(25, 25), null, RuleAction.Deny, "mailer"),
        ]),
        _ => new NetworkPolicy(PolicyDefault.Deny,
        [
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(22, 22), "10.0.0.0/8", RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(1000, 2000), "fd00::/8", RuleAction.Reject, null),
            new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Icmp, null, null, RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Udp, new PortRange(53, 53), "192.0.2.53", RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Udp, null, null, RuleAction.Reject, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Any, null, "198.51.100.0/24", RuleAction.Deny, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Icmp, null, "2001:db8::/32", RuleAction.Allow, null),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, null, null, RuleAction.Allow, null),
        ]),
    };
}
