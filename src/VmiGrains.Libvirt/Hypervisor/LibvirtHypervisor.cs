using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>
/// <see cref="IHypervisor"/> over one libvirt connection (opened on first use, shared by all callers).
/// libvirt calls block (a remote driver waits on libvirtd), so each operation runs on the thread pool,
/// and every libvirt error is read on the thread that made the failing call. What the driver lacks is
/// reported as <see cref="KnobOutcome.Unsupported"/>, detected from libvirt's "not supported" errors and
/// by reading each value back (the test driver accepts a CPU weight and ignores it).
/// </summary>
public sealed partial class LibvirtHypervisor : IHypervisor, IDisposable
{
    private readonly LibvirtHypervisorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<LibvirtConnection> _connection;
    private readonly ConcurrentDictionary<Guid, VmiDescriptor> _devices = new();
    private volatile bool _cpuWeightIgnored;

    /// <summary>Creates the hypervisor; the connection opens on first use.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid (every problem is listed).</exception>
    public LibvirtHypervisor(LibvirtHypervisorOptions options, ILogger<LibvirtHypervisor>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new LibvirtHypervisorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LibvirtHypervisorOptions), validation.Failures);
        }

        _options = options;
        _logger = logger ?? NullLogger<LibvirtHypervisor>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _connection = new Lazy<LibvirtConnection>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private LibvirtConnection Connection => _connection.Value;

    /// <inheritdoc />
    public Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken = default) => Run("read host capacity", () =>
    {
        var node = Connection.GetNodeInfo();
        return new HostCapacity(
            _options.HostName ?? Connection.GetHostname(),
            node.Cpus,
            node.Mhz,
            node.MemoryKiB,
            _options.NetworkKiBps,
            _options.CpuWeightScale ?? DetectCpuWeightScale());
    }, cancellationToken);

    /// <inheritdoc />
    public Task<HypervisorCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) => Run("read capabilities", () =>
    {
        var driver = Connection.GetDriverType();
        return new HypervisorCapabilities(driver, !_cpuWeightIgnored && HasCgroupCpuWeight(), Connection.SupportsNetworkFilters(), driver == "QEMU");
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VmiDescriptor>> ListDomainsAsync(CancellationToken cancellationToken = default) => Run("list domains", () =>
    {
        var domains = Connection.ListAllDomains();
        try
        {
            _devices.Clear();
            return (IReadOnlyList<VmiDescriptor>)[.. domains.Select(Describe)];
        }
        finally
        {
            foreach (var domain in domains)
            {
                domain.Dispose();
            }
        }
    }, cancellationToken);

    /// <inheritdoc />
    public Task<VmiDescriptor?> GetDomainAsync(Guid uuid, CancellationToken cancellationToken = default) => Run("describe domain", () =>
    {
        using var domain = Connection.TryLookupByUuid(uuid);
        return domain is null ? null : Describe(domain);
    }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<LifecycleEvent> WatchLifecycleAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<LifecycleEvent>(new() { SingleReader = true });
        using var subscription = await Run("subscribe to lifecycle events", () => new LifecycleSubscription(Connection, e =>
        {
            if (e.Event == (int)LifecycleEventKind.Defined || e.Event == (int)LifecycleEventKind.Undefined)
            {
                _devices.TryRemove(e.Uuid, out _);
            }

            channel.Writer.TryWrite(new LifecycleEvent(e.Uuid, e.Name, (LifecycleEventKind)e.Event, e.Detail, _time.GetUtcNow()));
        }, a => channel.Writer.TryWrite(new LifecycleEvent(
            a.Uuid, a.Name, a.Connected ? LifecycleEventKind.AgentConnected : LifecycleEventKind.AgentDisconnected, a.Reason, _time.GetUtcNow()))), cancellationToken);

        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public Task<GuestAgentReply> GuestAgentCommandAsync(Guid uuid, string commandJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandJson);
        return Run("guest agent command", () =>
        {
            using var domain = Connection.TryLookupByUuid(uuid);
            if (domain is null)
            {
                return new GuestAgentReply(KnobOutcome.Failed, null, NotFound(uuid));
            }

            try
            {
                return new GuestAgentReply(KnobOutcome.Applied, domain.QemuAgentCommand(commandJson, (int)Math.Clamp(timeout.TotalSeconds, 1, int.MaxValue)), null);
            }
            catch (LibvirtException e)
            {
                return new GuestAgentReply(LibvirtErrorCodes.IsUnsupported(e.Code) ? KnobOutcome.Unsupported : KnobOutcome.Failed, null, e.LibvirtMessage);
            }
            catch (DllNotFoundException e)
            {
                return new GuestAgentReply(KnobOutcome.Unsupported, null, $"libvirt-qemu.so.0 is not installed ({e.Message}); install libvirt0 to pass guest-agent commands through libvirt.");
            }
        }, cancellationToken);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }

    private static CpuWeightScale DetectCpuWeightScale() =>
        File.Exists("/sys/fs/cgroup/cgroup.controllers") ? CpuWeightScale.CgroupV2 : CpuWeightScale.CgroupV1;

    private string NotFound(Guid uuid) =>
        $"domain {uuid} not found on {_options.Uri}; it was undefined or belongs to another host — list the host's domains again.";

    private LibvirtConnection Connect()
    {
        var connection = LibvirtConnection.Open(_options.Uri, _options.ReadOnly);
        var driver = connection.GetDriverType();
        LogConnected(_options.Uri, driver);
        return connection;
    }

    private VmiDescriptor Describe(LibvirtDomain domain)
    {
        var info = domain.GetInfo();
        var parsed = DomainXmlParser.Parse(domain.GetXmlDescription(), (DomainState)info.State);
        var descriptor = parsed with { MemoryKiB = info.MemoryKiB, MaxMemoryKiB = info.MaxMemoryKiB, Vcpus = info.Vcpus };
        _devices[descriptor.Uuid] = descriptor;
        return descriptor;
    }

    private bool HasCgroupCpuWeight()
    {
        var domains = Connection.ListAllDomains();
        try
        {
            return domains.Length > 0 && domains[0].GetSchedulerParameters().Any(p => p.Name == CpuSharesParameter);
        }
        finally
        {
            foreach (var domain in domains)
            {
                domain.Dispose();
            }
        }
    }

    private Task<T> Run<T>(string operation, Func<T> call, CancellationToken cancellationToken) => Task.Run(() =>
    {
        try
        {
            return call();
        }
        catch (LibvirtException e)
        {
            LogOperationFailed(operation, e.Code, e.LibvirtMessage);
            throw new HypervisorException($"{operation} on {_options.Uri}: {e.LibvirtMessage}", e.Code, e);
        }
    }, cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to {Uri} (driver {Driver})")]
    private partial void LogConnected(string uri, string driver);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Hypervisor operation '{Operation}' failed: libvirt error {Code}: {LibvirtMessage}")]
    private partial void LogOperationFailed(string operation, int code, string libvirtMessage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Knob {Knob} on {Uuid} ({Target}): {Outcome} {Message}")]
    private partial void LogKnob(KnobKind knob, Guid uuid, string? target, KnobOutcome outcome, string? message);
}
