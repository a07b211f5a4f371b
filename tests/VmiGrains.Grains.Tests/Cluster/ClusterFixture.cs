using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Grains.Hosting;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Three in-process silos: the first two manage the demo hosts (libvirt's test driver on
/// <c>tests/fixtures/hosts/demo-host-*.xml</c>), the third is a control-plane silo without a host.
/// Grain state lives in a real Redis so that it survives killing a silo. The example profiles are
/// defined once. Statistics polling is off: tests push the telemetry they need.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string HostA = "demo-host-a";
    public const string HostB = "demo-host-b";

    private readonly ConcurrentDictionary<string, string?> _siloHosts = new(StringComparer.Ordinal);
    private readonly Queue<string?> _nextHosts = new([HostA, HostB, null]);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The VMI whose guest is a real qemu-ga (in its own network namespace).</summary>
    public const string GuestVmiName = "db-01";

    /// <summary>Its UUID in demo-host-a.xml.</summary>
    public const string GuestVmiId = "a1b2c3d4-0004-4a00-8000-00000000a004";

    private Exception? _guestFailure;
    private QemuGuestAgentGuest? _guest;

    /// <summary>The real guest agent of <see cref="GuestVmiName"/>; fails the calling test when qemu-ga could not start.</summary>
    public QemuGuestAgentGuest Guest => _guest ?? throw new InvalidOperationException("the test guest (qemu-ga) did not start", _guestFailure);

    public IClusterClient Client => Cluster.Client;

    /// <summary>The host a silo manages (null: control plane).</summary>
    public string? HostOf(InProcessSiloHandle silo) => _siloHosts.GetValueOrDefault(silo.Name);

    /// <summary>The host the next started silo will manage.</summary>
    public void NextSiloManages(string? host)
    {
        lock (_nextHosts)
        {
            _nextHosts.Enqueue(host);
        }
    }

    public async Task InitializeAsync()
    {
        var redis = TestServices.Redis;
        try
        {
            _guest = await QemuGuestAgentGuest.StartAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            _guestFailure = ex;
        }

        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ServiceId = $"vmigrains-test-{Guid.NewGuid():N}";
        builder.ConfigureSilo((options, silo) =>
        {
            var host = _siloHosts.GetOrAdd(options.SiloName, _ => { lock (_nextHosts) { return _nextHosts.Count > 0 ? _nextHosts.Dequeue() : null; } });
            var settings = new Dictionary<string, string?>
            {
                ["VmiGrains:Host:StatsInterval"] = "00:00:00",
                ["VmiGrains:Host:Cooldown"] = "00:00:02",
                ["VmiGrains:Host:RebalanceInterval"] = "00:00:02",
                ["VmiGrains:Host:ReconcileInterval"] = "00:00:05",
                ["VmiGrains:Vmi:WindowCheckpointInterval"] = "00:00:01",
                ["VmiGrains:Rollout:SoakPeriod"] = "00:00:01",
                ["VmiGrains:Rollout:TickInterval"] = "00:00:00.200",
            };
            if (host is not null)
            {
                settings["VmiGrains:Host:Name"] = host;
                settings["VmiGrains:Hypervisor:Uri"] = $"test://{RepoPaths.Of("tests", "fixtures", "hosts", host + ".xml")}";
                if (host == HostA && _guest is not null)
                {
                    settings[$"VmiGrains:GuestAgent:SocketPaths:{GuestVmiId}"] = _guest.SocketPath;
                }
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            foreach (var name in new[] { StorageNames.Profiles, StorageNames.Vmis, StorageNames.Hosts })
            {
                // As in the silo: Orleans' serializer, not JSON with .NET type names (see SiloBuilderExtensions).
                silo.AddRedisGrainStorage(name, b => b.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
                    o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
                }));
            }

            silo.UseInMemoryReminderService();
            silo.AddVmiGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json"))
        {
            var json = await File.ReadAllTextAsync(file);
            await Client.GetGrain<IProfileGrain>(Path.GetFileNameWithoutExtension(file)).DefineAsync(json);
        }

        // Hosts activate through their silos' host agents; wait until both report their VMIs.
        await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(),
            vmis => vmis.Select(v => v.Host).Distinct().Count() == 2, TimeSpan.FromSeconds(60), "both demo hosts discovered");
    }

    /// <summary>The UUID of a demo VMI by name.</summary>
    public async Task<string> VmiAsync(string name) =>
        (await Eventually.GetAsync(() => Client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync(name), id => id is not null, what: $"VMI {name} registered"))!;

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_guest is not null)
        {
            await _guest.DisposeAsync();
        }
    }
}
