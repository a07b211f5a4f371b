using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Security;
using VmiGrains.Grains.Fleet;
using VmiGrains.Grains.Hosts;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>
/// Hand-made Orleans clients that reference the cluster's internal interfaces, with certificates of the
/// cluster's CA, against a real silo process: public grains answer within the certificate's scopes; the
/// cluster's own protocol and Orleans' management grain are refused by the silo's incoming call filter;
/// decisions name the certificate.
/// </summary>
public sealed class GatewayProtocolTests(MutualTlsSiloFixture fixture) : IClassFixture<MutualTlsSiloFixture>
{
    [Fact]
    public async Task HandMadeClient_WithCaCertificate_PublicGrainsAnswer_InternalProtocolRefused()
    {
        using var host = await ConnectAsync("ops");
        var client = host.Services.GetRequiredService<IClusterClient>();

        var hosts = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync();
        Assert.Contains(hosts, h => h.Name == "demo-host-a");
        var web01 = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync("web-01") ?? throw new InvalidOperationException("web-01 unknown");

        var reconcile = await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IHypervisorClusterGrain>("demo-host-a").ReconcileAsync());
        Assert.StartsWith("IHypervisorClusterGrain.ReconcileAsync: refused; it belongs to the cluster's own protocol", reconcile.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IHypervisorClusterGrain>("demo-host-a").UpdateClaimAsync(
            web01, new ResourceVector(1, 1, 1, 1), null, force: true, "attacker"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IManagementGrain>(0).GetHosts());

        // One-way calls report nothing to the caller; what they would have done must not happen.
        await client.GetGrain<IFleetClusterGrain>(GrainKeys.Default).ReportHostAsync(new HostSummary("forged-host", true, 1, 1024, 0, [], null, 0));
        await client.GetGrain<IVmiClusterGrain>(web01).AllocationChangedAsync(new Allocation(0.99, 0.99, 0.99, 0.99, null, null, null, null, [], [], DateTimeOffset.UtcNow), "forged");
        await Eventually.GetAsync(() => Task.FromResult(fixture.Silo.Log), log => log.Contains("Refused IVmiClusterGrain.AllocationChangedAsync", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the silo logs the refused one-way call");
        Assert.DoesNotContain(await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync(), h => h.Name == "forged-host");
        Assert.DoesNotContain(await client.GetGrain<IVmiGrain>(web01).GetDecisionsAsync(), d => d.Reason == "forged");
        Assert.Contains("Refused IFleetClusterGrain.ReportHostAsync from sys.client/", fixture.Silo.Log, StringComparison.Ordinal);

        await host.StopAsync();
    }

    [Fact]
    public async Task HandMadeClient_ReadScopedCertificate_ReadsButCannotAttachOrExec()
    {
        using var host = await ConnectAsync("viewer");
        var client = host.Services.GetRequiredService<IClusterClient>();
        var web02 = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync("web-02") ?? throw new InvalidOperationException("web-02 unknown");
        var vmi = client.GetGrain<IVmiGrain>(web02);
        _ = await vmi.GetAsync();

        var attach = await Assert.ThrowsAsync<AccessDeniedException>(() => vmi.ApplyProfileAsync("anything"));
        Assert.Equal("IVmiGrain.ApplyProfileAsync: refused; it needs scope write and certificate CN=viewer has read; add write to VmiGrains:Cluster:Tls:Clients:viewer on every silo", attach.Message);
        var exec = await Assert.ThrowsAsync<AccessDeniedException>(() => vmi.ExecuteAsync(new ExecuteRequest { Path = "/bin/true" }));
        Assert.Contains("needs scope exec", exec.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.GetGrain<IProfileGrain>("viewer-made").DefineAsync("{}"));

        await host.StopAsync();
    }

    [Fact]
    public async Task HandMadeClient_OpsCertificate_AttachDecisionNamesTheCertificate()
    {
        using var host = await ConnectAsync("ops");
        var client = host.Services.GetRequiredService<IClusterClient>();
        await client.GetGrain<IProfileGrain>("tls-audit").DefineAsync(
            """{"id":"tls-audit","name":"TLS audit","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""");
        var db01 = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync("db-01") ?? throw new InvalidOperationException("db-01 unknown");

        await client.GetGrain<IVmiGrain>(db01).ApplyProfileAsync("tls-audit");

        var decisions = await client.GetGrain<IVmiGrain>(db01).GetDecisionsAsync();
        var attached = decisions.Last(d => d.Kind == "profile");
        Assert.Equal("profile tls-audit v1 attached", attached.What);
        Assert.Equal("certificate CN=ops", attached.Caller);
        await host.StopAsync();
    }

    [Fact]
    public async Task Cli_ReadScopedCertificate_AttachExitsOneNamingTheScope()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { BuiltApps.Cli, "vm", "attach", "web-01", "minimal-footprint", "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VMIGRAINS_CLUSTER_ID"] = fixture.Silo.ClusterId;
        start.Environment["VMIGRAINS_TLS_CA"] = fixture.Pki.CaPath;
        start.Environment["VMIGRAINS_TLS_CERT"] = fixture.Pki.CertificatePath("viewer");
        start.Environment["VMIGRAINS_TLS_KEY"] = fixture.Pki.KeyPath("viewer");

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(90));

        Assert.True(code == 1, $"expected exit 1, got {code}: {stdout}{stderr}");
        Assert.StartsWith("vmi: IVmiGrain.ApplyProfileAsync: refused; it needs scope write and certificate CN=viewer has read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloPort_ClientCertificateOfTheCa_RefusedInHandshake_SiloCertificateAccepted()
    {
        // A client certificate (clientAuth only) chains to the CA but may not join as a silo.
        Assert.False(await SiloPortStaysOpenAsync("ops"), "the silo port accepted a client certificate");
        Assert.True(await SiloPortStaysOpenAsync("silo"), "the silo port refused the silo certificate");
    }

    /// <summary>TLS to the silo port with <paramref name="certificate"/>; true when the silo talks (or stays silent for 3 s) after the handshake.</summary>
    private async Task<bool> SiloPortStaysOpenAsync(string certificate)
    {
        using var pem = X509Certificate2.CreateFromPemFile(fixture.Pki.CertificatePath(certificate), fixture.Pki.KeyPath(certificate));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Silo.SiloPort);
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(fixture.Pki.CaPath);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, server, _, _) => CertificateTrust.IsTrusted(server as X509Certificate2, anchors));
        try
        {
            await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [pem],
                ApplicationProtocols = [new System.Net.Security.SslApplicationProtocol("Orleans1")],
            });
            // TLS 1.3 reports the server's refusal of the client certificate on the first read.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            // An accepted peer hears the silo's preamble (or nothing yet); a refused one gets an alert or the end.
            return await tls.ReadAsync(new byte[1], wait.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    private async Task<IHost> ConnectAsync(string certificate)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var pem = X509Certificate2.CreateFromPemFile(fixture.Pki.CertificatePath(certificate), fixture.Pki.KeyPath(certificate));
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, fixture.Silo.GatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = fixture.Silo.ClusterId;
                o.ServiceId = "vmigrains";
            });
            client.UseTls(pem, o =>
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
