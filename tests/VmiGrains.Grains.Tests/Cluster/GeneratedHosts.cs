using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using VmiGrains.Grains.Hosting;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A one-silo cluster (memory storage) whose silo manages generated libvirt test-driver hosts:
/// the first as its own host, the rest as <c>VmiGrains:Host:Additional</c>. For tests that must
/// count what a host does without other tests' traffic on it.
/// </summary>
internal sealed class GeneratedHosts : IAsyncDisposable
{
    private readonly List<string> _files = [];

    private GeneratedHosts(InProcessTestCluster cluster, List<string> files, StorageGate hostWrites, StorageGate vmiWrites)
    {
        Cluster = cluster;
        _files = files;
        HostWrites = hostWrites;
        VmiWrites = vmiWrites;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The gate in front of the hosts' state writes (open unless a test closes it; counts writes).</summary>
    public StorageGate HostWrites { get; }

    /// <summary>The gate in front of the VMIs' state writes (open unless a test closes it; counts writes).</summary>
    public StorageGate VmiWrites { get; }

    /// <summary>Domain <paramref name="index"/> of host number <paramref name="host"/>.</summary>
    public static string VmiId(int host, int index) => $"c0000000-0000-4000-{host:x4}-{index:x12}";

    /// <summary>
    /// Starts the silo; <paramref name="hosts"/> are host names, each with <paramref name="vmisPerHost"/> domains;
    /// <paramref name="settings"/> are added to the silo's configuration. Hosts' and VMIs' state is
    /// written through a <see cref="GatedGrainStorage"/> in front of Orleans' memory storage. Each host has
    /// <paramref name="hostMemoryKiB"/> of memory (256 GiB by default); with <paramref name="interfaces"/> each
    /// domain has one network interface; <paramref name="clones"/> adds domains with a given UUID (e.g. another host's) to a host;
    /// <paramref name="vmiWrites"/> is the gate in front of the VMIs' writes from the silo's start (e.g. armed to fail one).
    /// </summary>
    public static async Task<GeneratedHosts> StartAsync(IReadOnlyList<string> hosts, int vmisPerHost, IReadOnlyDictionary<string, string?>? settings = null,
        ulong hostMemoryKiB = 268_435_456, bool interfaces = false, IReadOnlyList<(int Host, string Uuid, string Name)>? clones = null,
        StorageGate? vmiWrites = null)
    {
        var hostWrites = new StorageGate();
        vmiWrites ??= new StorageGate();
        var files = new List<string>();
        var configuration = new Dictionary<string, string?> { ["VmiGrains:Host:StatsInterval"] = "00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        for (var h = 0; h < hosts.Count; h++)
        {
            var file = Path.Combine(Path.GetTempPath(), $"vmigrains-{hosts[h]}-{Guid.NewGuid():N}.xml");
            await File.WriteAllTextAsync(file, NodeXml(h, vmisPerHost, hostMemoryKiB, interfaces, [.. (clones ?? []).Where(c => c.Host == h)]));
            files.Add(file);
            if (h == 0)
            {
                configuration["VmiGrains:Host:Name"] = hosts[h];
                configuration["VmiGrains:Hypervisor:Uri"] = $"test://{file}";
            }
            else
            {
                configuration[$"VmiGrains:Host:Additional:{hosts[h]}"] = $"test://{file}";
            }
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = $"vmigrains-generated-{Guid.NewGuid():N}";
        builder.ConfigureSilo((_, silo) =>
        {
            // As in the silo: Orleans' serializer, not JSON with .NET type names (see SiloBuilderExtensions).
            void Memory(string name) => silo.AddMemoryGrainStorage(name, b => b.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));

            Memory(StorageNames.Profiles);
            foreach (var (name, gate) in new[] { (StorageNames.Hosts, hostWrites), (StorageNames.Vmis, vmiWrites) })
            {
                var inner = $"{name}-behind-the-gate";
                Memory(inner);
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
                    new GatedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(inner), gate));
            }

            silo.AddVmiGrains(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GeneratedHosts(cluster, files, hostWrites, vmiWrites);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static string NodeXml(int host, int domains, ulong memoryKiB, bool interfaces, IReadOnlyList<(int Host, string Uuid, string Name)> clones)
    {
        var xml = new StringBuilder("<node><cpu><mhz>2900</mhz><model>x86_64</model><active>32</active><nodes>1</nodes><sockets>1</sockets><cores>16</cores><threads>2</threads></cpu>")
            .Append(CultureInfo.InvariantCulture, $"<memory>{memoryKiB}</memory>");
        for (var i = 0; i < domains; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>h{host}-vm-{i:D3}</name><uuid>{VmiId(host, i)}</uuid>")
               .Append("<memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os>");
            if (interfaces)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<devices><interface type='network'><mac address='52:54:00:{host:x2}:{i / 256:x2}:{i % 256:x2}'/><source network='default'/><target dev='vnet-h{host}-{i}'/><model type='virtio'/></interface></devices>");
            }

            xml.Append("</domain>");
        }

        foreach (var clone in clones)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>{clone.Name}</name><uuid>{clone.Uuid}</uuid>")
               .Append("<memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        }

        return xml.Append("</node>").ToString();
    }
}
