using VmiGrains.Silo.Tests.Api;

namespace VmiGrains.Silo.Tests.Tls;

/// <summary>
/// One silo process with mutual TLS (a test CA) where client certificate CN=ops may read, write and
/// exec and CN=viewer may only read.
/// </summary>
public sealed class MutualTlsSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    internal TestPki Pki { get; } = new();

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
    {
        ["VmiGrains:Cluster:Tls:CertificatePath"] = Pki.CertificatePath("silo"),
        ["VmiGrains:Cluster:Tls:KeyPath"] = Pki.KeyPath("silo"),
        ["VmiGrains:Cluster:Tls:CaPath"] = Pki.CaPath,
        ["VmiGrains:Cluster:Tls:Clients:ops"] = "read,write,exec",
        ["VmiGrains:Cluster:Tls:Clients:viewer"] = "read",
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Pki.Dispose();
    }
}
