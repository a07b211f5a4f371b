using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VmiGrains.Silo.Configuration;
using VmiGrains.Silo.Security;

namespace VmiGrains.Silo.Tests.Security;

public sealed class GatewayClientsTests
{
    private static readonly GrainId Client = GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f");

    [Fact]
    public void Identify_NoTls_UnauthenticatedWithEveryScope()
    {
        var client = new GatewayClients(new TlsSettings()).Identify(null);

        Assert.Equal("gateway client (unauthenticated)", client.Caller);
        Assert.Equal(["read", "write", "exec"], client.Scopes);
    }

    [Fact]
    public void Identify_TlsWithoutClientMap_CertificateSubjectWithEveryScope()
    {
        using var certificate = Certificate("ops");

        var client = new GatewayClients(new TlsSettings { CertificatePath = "silo.crt" }).Identify(certificate);

        Assert.Equal("certificate CN=ops", client.Caller);
        Assert.Equal(["read", "write", "exec"], client.Scopes);
    }

    [Fact]
    public void Identify_ClientMapSet_MappedNameGetsItsScopes_OthersNone()
    {
        var tls = new TlsSettings { CertificatePath = "silo.crt" };
        tls.Clients["viewer"] = " Read ";
        using var viewer = Certificate("viewer");
        using var stranger = Certificate("stranger");

        Assert.Equal(["read"], new GatewayClients(tls).Identify(viewer).Scopes);
        Assert.Empty(new GatewayClients(tls).Identify(stranger).Scopes);
    }

    [Fact]
    public void IsPlainClient_HostedClientOrObserverOrGrain_False()
    {
        Assert.True(GatewayClients.IsPlainClient(Client));
        Assert.False(GatewayClients.IsPlainClient(GrainId.Create(GrainTypePrefix.ClientPrefix, "hosted-S127.0.0.1:11111:1")));
        Assert.False(GatewayClients.IsPlainClient(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f+observer")));
        Assert.False(GatewayClients.IsPlainClient(GrainId.Create("vmigrains.vmi", "web-01")));
    }

    [Fact]
    public void IsSameClient_ItselfOrItsObserver_True_AnotherId_False()
    {
        Assert.True(GatewayClients.IsSameClient(Client, Client));
        Assert.True(GatewayClients.IsSameClient(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f+o1"), Client));
        Assert.False(GatewayClients.IsSameClient(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f0"), Client));
        Assert.False(GatewayClients.IsSameClient(GrainId.Create("vmigrains.vmi", "3f2b6c1e0a9d4e7f"), Client));
    }

    private static X509Certificate2 Certificate(string name)
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
