using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;
using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneWithFix()
    {
        var options = new LibvirtHypervisorOptions { Uri = "test:///no/such/host.xml", HostName = " ", NetworkKiBps = 0 };

        var result = new LibvirtHypervisorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("VmiGrains:Hypervisor:Uri", StringComparison.Ordinal) && f.Contains("/no/such/host.xml", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("VmiGrains:Hypervisor:HostName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("VmiGrains:Hypervisor:NetworkKiBps", StringComparison.Ordinal) && f.Contains("got 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddLibvirtHypervisor_InvalidUri_HostFailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLibvirtHypervisor(o => o.Uri = "not a uri");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("not an absolute URI", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLibvirtHypervisor_FixtureUri_ResolvesWorkingHypervisor()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLibvirtHypervisor(o =>
        {
            o.Uri = HostFixtures.Uri("demo-host-b.xml");
            o.HostName = "demo-host-b";
        });
        using var host = builder.Build();
        await host.StartAsync();

        var hypervisor = host.Services.GetRequiredService<IHypervisor>();

        Assert.Equal("demo-host-b", (await hypervisor.GetCapacityAsync()).HostName);
        Assert.Equal(4, (await hypervisor.ListDomainsAsync()).Count);
        await host.StopAsync();
    }
}
