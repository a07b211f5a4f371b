using VmiGrains.Domain.Hosts;

namespace VmiGrains.Libvirt.Hypervisor;

public sealed partial class LibvirtHypervisor
{
    private const string CpuSharesParameter = "cpu_shares";
    private const string CpuWeightParameter = "weight";
    private const string BlkioWeightParameter = "weight";
    private const string SoftLimitParameter = "soft_limit";
    private const string HardLimitParameter = "hard_limit";

    // VIR_DOMAIN_MEMORY_PARAM_UNLIMITED: memtune's "no limit".
    private const ulong MemoryUnlimited = 9007199254740991;

    // tc's errors when the kernel lacks a qdisc, classifier or action libvirt's bandwidth tree uses.
    private static readonly string[] MissingShapingMarkers =
        ["Specified qdisc kind is unknown", "Unknown filter", "Specified filter kind", "unknown action", "Action \"police\""];

    private static readonly string[] BandwidthParameters =
        ["inbound.average", "inbound.peak", "inbound.burst", "outbound.average", "outbound.peak", "outbound.burst"];

    /// <inheritdoc />
    public Task<KnobSet?> ReadKnobsAsync(Guid uuid, CancellationToken cancellationToken = default) => Run("read knobs", () =>
    {
        using var domain = Connection.TryLookupByUuid(uuid);
        if (domain is null)
        {
            return null;
        }

        var descriptor = Describe(domain);
        var memtune = Optional(() => domain.GetMemoryParameters());
        return new KnobSet
        {
            CpuWeight = Optional(() => ReadCpuWeight(domain)) is { } cpu ? (uint)Math.Min(cpu.Value, uint.MaxValue) : null,
            MemoryTargetKiB = descriptor.MemoryKiB,
            MemorySoftLimitKiB = Limit(memtune, SoftLimitParameter),
            MemoryHardLimitKiB = Limit(memtune, HardLimitParameter),
            Vcpus = (uint)descriptor.Vcpus,
            BlkioWeight = (uint?)Optional(() => domain.GetBlkioParameters()).Value(BlkioWeightParameter),
            Bandwidth = [.. descriptor.Interfaces.Select(i => ReadBandwidth(domain, i.Mac)).OfType<InterfaceBandwidth>()],
        };
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<KnobResult>> ApplyAsync(Guid uuid, KnobSet knobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        return Run("apply knobs", () =>
        {
            var results = new List<KnobResult>();
            using var domain = Connection.TryLookupByUuid(uuid);
            if (domain is null)
            {
                var message = NotFound(uuid);
                AddAll(knobs, results, (kind, target) => KnobResult.Failed(kind, target, message));
                return (IReadOnlyList<KnobResult>)results;
            }

            if (knobs.CpuWeight is { } weight)
            {
                results.Add(ApplyCpuWeight(domain, weight));
            }

            if (knobs.Vcpus is { } vcpus)
            {
                results.Add(Apply(KnobKind.Vcpus, null, vcpus, () => domain.SetVcpus(vcpus), () => (ulong)domain.GetVcpus()));
            }

            if (knobs.MemoryHardLimitKiB is { } hard)
            {
                results.Add(Apply(KnobKind.MemoryHardLimit, null, hard, () => domain.SetMemoryParameters([TypedParameter.ULLong(HardLimitParameter, hard)]), () => domain.GetMemoryParameters().Value(HardLimitParameter)));
            }

            if (knobs.MemorySoftLimitKiB is { } soft)
            {
                results.Add(Apply(KnobKind.MemorySoftLimit, null, soft, () => domain.SetMemoryParameters([TypedParameter.ULLong(SoftLimitParameter, soft)]), () => domain.GetMemoryParameters().Value(SoftLimitParameter)));
            }

            if (knobs.MemoryTargetKiB is { } target)
            {
                results.Add(Apply(KnobKind.MemoryTarget, null, target, () => domain.SetMemory(target), () => domain.GetInfo().MemoryKiB));
            }

            if (knobs.BlkioWeight is { } blkio)
            {
                results.Add(ApplyBlkioWeight(domain, blkio));
            }

            foreach (var bandwidth in knobs.Bandwidth)
            {
                results.Add(ApplyBandwidth(domain, bandwidth));
            }

            foreach (var result in results)
            {
                LogKnob(result.Knob, uuid, result.Target, result.Outcome, result.Message);
            }

            return results;
        }, cancellationToken);
    }

    private static void AddAll(KnobSet knobs, List<KnobResult> results, Func<KnobKind, string?, KnobResult> result)
    {
        var kinds = new (KnobKind Kind, bool Set)[]
        {
            (KnobKind.CpuWeight, knobs.CpuWeight is not null),
            (KnobKind.Vcpus, knobs.Vcpus is not null),
            (KnobKind.MemoryHardLimit, knobs.MemoryHardLimitKiB is not null),
            (KnobKind.MemorySoftLimit, knobs.MemorySoftLimitKiB is not null),
            (KnobKind.MemoryTarget, knobs.MemoryTargetKiB is not null),
            (KnobKind.BlkioWeight, knobs.BlkioWeight is not null),
        };
        results.AddRange(kinds.Where(k => k.Set).Select(k => result(k.Kind, null)));
        results.AddRange(knobs.Bandwidth.Select(b => result(KnobKind.InterfaceBandwidth, b.Mac)));
    }

    private static KnobResult Apply(KnobKind kind, string? target, ulong wanted, Action set, Func<ulong?> readBack)
    {
        try
        {
            set();
            var actual = readBack();
            return actual == wanted
                ? KnobResult.Applied(kind, target)
                : KnobResult.Failed(kind, target, $"{kind} set to {wanted} but reads back as {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}; the driver adjusted or ignored it.");
        }
        catch (LibvirtException e)
        {
            return Classify(kind, target, wanted.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
        }
    }

    private static KnobResult Classify(KnobKind kind, string? target, string value, LibvirtException e) =>
        LibvirtErrorCodes.IsUnsupported(e.Code)
            ? KnobResult.Unsupported(kind, target, $"{kind} is not supported by this driver: {e.LibvirtMessage}")
            : kind == KnobKind.BlkioWeight && e.Code == LibvirtErrorCodes.OperationInvalid && e.LibvirtMessage.Contains("bfq or cfq", StringComparison.Ordinal)
                // A kernel built without BFQ (and CFQ, gone since 5.0) has no weight file in any blkio cgroup: no value can ever be set here.
                ? KnobResult.Unsupported(kind, target, $"{kind} needs the BFQ I/O scheduler in the host's kernel, which this kernel does not have (libvirt: {e.LibvirtMessage})")
                : KnobResult.Failed(kind, target, $"{kind} = {value} rejected: {e.LibvirtMessage}");

    private static (string Name, ulong Value)? ReadCpuWeight(LibvirtDomain domain)
    {
        var parameters = domain.GetSchedulerParameters();
        var shares = parameters.FirstOrDefault(p => p.Name == CpuSharesParameter);
        var parameter = shares.Name is not null ? shares : parameters.FirstOrDefault(p => p.Name == CpuWeightParameter);
        return parameter.Name is null ? null : (parameter.Name, parameter.AsUInt64() ?? 0);
    }

    private static ulong? Limit(TypedParameter[]? memtune, string name) =>
        memtune.Value(name) is { } value && value < MemoryUnlimited ? value : null;

    private static InterfaceBandwidth? ReadBandwidth(LibvirtDomain domain, string mac)
    {
        var parameters = Optional(() => domain.GetInterfaceParameters(mac));
        var values = BandwidthParameters.Select(n => (uint)(parameters.Value(n) ?? 0)).ToArray();
        return values[0] == 0 && values[3] == 0
            ? null
            : new InterfaceBandwidth(mac, new BandwidthLimit(values[0], values[1], values[2]), new BandwidthLimit(values[3], values[4], values[5]));
    }

    private static T? Optional<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LibvirtException)
        {
            return default;
        }
    }

    private KnobResult ApplyCpuWeight(LibvirtDomain domain, uint weight)
    {
        try
        {
            var current = ReadCpuWeight(domain);
            if (current is null)
            {
                return KnobResult.Unsupported(KnobKind.CpuWeight, null, "CpuWeight: the driver's scheduler has neither 'cpu_shares' nor 'weight'.");
            }

            // cpu_shares (qemu/lxc cgroups) is an ullong; the test driver's 'weight' is a uint.
            TypedParameter parameter = current.Value.Name == CpuSharesParameter
                ? TypedParameter.ULLong(CpuSharesParameter, weight)
                : TypedParameter.UInt(CpuWeightParameter, weight);
            domain.SetSchedulerParameters([parameter]);
            var actual = ReadCpuWeight(domain)?.Value;
            if (actual == weight)
            {
                return KnobResult.Applied(KnobKind.CpuWeight);
            }

            _cpuWeightIgnored = true;
            return KnobResult.Unsupported(
                KnobKind.CpuWeight,
                null,
                $"CpuWeight: the driver accepted {current.Value.Name}={weight} but reads back {actual}; it does not enforce CPU weight.");
        }
        catch (LibvirtException e)
        {
            return Classify(KnobKind.CpuWeight, null, weight.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
        }
    }

    private static KnobResult ApplyBandwidth(LibvirtDomain domain, InterfaceBandwidth bandwidth)
    {
        var wanted = new[]
        {
            bandwidth.Inbound.AverageKiBps, bandwidth.Inbound.PeakKiBps, bandwidth.Inbound.BurstKiB,
            bandwidth.Outbound.AverageKiBps, bandwidth.Outbound.PeakKiBps, bandwidth.Outbound.BurstKiB,
        };
        try
        {
            domain.SetInterfaceParameters(bandwidth.Mac, [.. BandwidthParameters.Select((n, i) => TypedParameter.UInt(n, wanted[i]))]);
            var actual = ReadBandwidth(domain, bandwidth.Mac);
            return actual == bandwidth
                ? KnobResult.Applied(KnobKind.InterfaceBandwidth, bandwidth.Mac)
                : KnobResult.Failed(KnobKind.InterfaceBandwidth, bandwidth.Mac, $"InterfaceBandwidth of {bandwidth.Mac} set to {bandwidth} but reads back as {actual}; the driver adjusted or ignored it.");
        }
        catch (LibvirtException e)
        {
            // libvirt builds the tap's tc tree step by step and does not roll back: on a kernel without
            // the sfq qdisc, fw classifier or police action it fails half-way and leaves a root htb (and an
            // ingress qdisc) that shapes nothing. All zeros makes libvirt delete both, so the tap is as before.
            var cleanup = ClearBandwidth(domain, bandwidth.Mac);
            return IsMissingKernelShaping(e.LibvirtMessage)
                ? KnobResult.Unsupported(
                    KnobKind.InterfaceBandwidth,
                    bandwidth.Mac,
                    $"InterfaceBandwidth of {bandwidth.Mac} cannot be enforced by libvirt on this host: its kernel lacks a traffic-control part libvirt needs ({e.LibvirtMessage}); {cleanup}")
                : Classify(KnobKind.InterfaceBandwidth, bandwidth.Mac, bandwidth.ToString(), e);
        }
    }

    private static bool IsMissingKernelShaping(string message) =>
        MissingShapingMarkers.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static string ClearBandwidth(LibvirtDomain domain, string mac)
    {
        try
        {
            domain.SetInterfaceParameters(mac, [.. BandwidthParameters.Select(n => TypedParameter.UInt(n, 0))]);
            return "the half-built qdisc was removed";
        }
        catch (LibvirtException e)
        {
            return $"removing the half-built qdisc failed too ({e.LibvirtMessage}); check `tc qdisc show` on the domain's tap";
        }
    }
}
