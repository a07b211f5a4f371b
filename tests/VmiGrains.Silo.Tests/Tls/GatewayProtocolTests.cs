using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;
using VmiGrains.Grains.Fleet;
using VmiGrains.Grains.Hosts;
using VmiGrains.Grains.Vmis;
using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>
/// A hand-made Orleans client that references the cluster's internal interfaces, with a certificate of
/// the cluster's CA, against a real silo process: public grains answer, the cluster's own protocol and
/// Orleans' management grain are refused by the silo's incoming call filter.
/// </summary>
public sealed class GatewayProtocolTests
{
    [Fact]
    public async Task HandMadeClient_WithCaCertificate_PublicGrainsAnswer_InternalProtocolRefused()
    {
        using var pki = new TestPki();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:Tls:CertificatePath"] = pki.CertificatePath("silo"),
            ["VmiGrains:Cluster:Tls:KeyPath"] = pki.KeyPath("silo"),
            ["VmiGrains:Cluster:Tls:CaPath"] = pki.CaPath,
        });
        using var host = await ConnectAsync(silo, X509Certificate2.CreateFromPemFile(pki.CertificatePath("ops"), pki.KeyPath("ops")));
        var client = host.Services.GetRequiredService<IClusterClient>();

        var hosts = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync();
        Assert.Contains(hosts, h => h.Name == "demo-host-a");
        var web01 = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync("web-01");
        Assert.NotNull(web01);

        var reconcile = await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IHypervisorClusterGrain>("demo-host-a").ReconcileAsync());
        Assert.StartsWith("IHypervisorClusterGrain.ReconcileAsync: refused; it belongs to the cluster's own protocol", reconcile.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IHypervisorClusterGrain>("demo-host-a").UpdateClaimAsync(
            web01!, new VmiGrains.Abstractions.Profiles.ResourceWeights(1, 1, 1, 1), null, force: true, "attacker"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IManagementGrain>(0).GetHosts());

        // One-way calls report nothing to the caller; what they would have done must not happen.
        await client.GetGrain<IFleetClusterGrain>(GrainKeys.Default).ReportHostAsync(new HostSummary("forged-host", true, 1, 1024, 0, [], null, 0));
        await client.GetGrain<IVmiClusterGrain>(web01!).AllocationChangedAsync(new Allocation(0.99, 0.99, 0.99, 0.99, null, null, null, null, [], [], DateTimeOffset.UtcNow), "forged");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync(), h => h.Name == "forged-host");
        Assert.DoesNotContain(await client.GetGrain<IVmiGrain>(web01!).GetDecisionsAsync(), d => d.Reason == "forged");
        Assert.Contains("Refused IFleetClusterGrain.ReportHostAsync from client", silo.Log, StringComparison.Ordinal);

        await host.StopAsync();
    }

    private static async Task<IHost> ConnectAsync(SiloProcess silo, X509Certificate2 certificate)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = "vmigrains";
            });
            client.UseTls(certificate, o =>
            {
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.AllowAnyRemoteCertificate();
            });
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }
}
