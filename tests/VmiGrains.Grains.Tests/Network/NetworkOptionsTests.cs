using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Tests.Network;

public sealed class NetworkOptionsTests
{
    [Fact]
    public void Validate_EveryProblem_IsReportedAtOnce()
    {
        var result = new NetworkOptionsValidator().Validate(null, new NetworkOptions
        {
            Enabled = true,
            NftPath = "nft",
            TcPath = "/nonexistent/tc",
            NetworkNamespace = "bad name",
            CommandTimeout = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("VmiGrains:Network:NftPath: must be an absolute path (got nft)", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("VmiGrains:Network:TcPath: no such file (got /nonexistent/tc)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownTapAttachmentAndPolicyBackend_NameFieldValueAndTheValidValues()
    {
        var result = new NetworkOptionsValidator().Validate(null, new NetworkOptions { TapAttachment = "bridged", PolicyBackend = "iptables" });

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "VmiGrains:Network:TapAttachment: unknown value (got bridged); use bridge or routed (bridge when libvirt puts the taps on a bridge, the usual case)",
            "VmiGrains:Network:PolicyBackend: unknown value (got iptables); use nftables or nwfilter",
        ], result.Failures!);
    }

    [Fact]
    public void AddVmiGrainsNetwork_FromConfiguration_BindsSectionAndFailsOnInvalidValues()
    {
        using var provider = Build(new() { ["VmiGrains:Network:Enabled"] = "true", ["VmiGrains:Network:NftPath"] = "/nope/nft" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<INetworkEnforcer>());

        Assert.Contains("VmiGrains:Network:NftPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddVmiGrainsNetwork_Disabled_StillRefusesInvalidInputButChangesNothing()
    {
        using var provider = Build([]);
        var enforcer = provider.GetRequiredService<INetworkEnforcer>();
        var bad = new NetworkPolicy(PolicyDefault.Deny, [new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Icmp, new PortRange(1, 1), null, RuleAction.Allow, null)]);

        Assert.IsType<DisabledNetworkEnforcer>(enforcer);
        await Assert.ThrowsAsync<NetworkConfigurationException>(() => enforcer.ApplyPolicyAsync("vm1", ["vnet0"], bad));
        Assert.True((await enforcer.ReconcileAsync([])).IsEmpty);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddVmiGrainsNetwork();
        return services.BuildServiceProvider();
    }
}
