using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

internal sealed unsafe partial class LibvirtDomain
{
    /// <summary>
    /// Scheduler parameters through the flag-less getter (the test driver rejects the <c>…Flags</c>
    /// getter's default flags); the count comes from <c>virDomainGetSchedulerType</c>.
    /// </summary>
    public TypedParameter[] GetSchedulerParameters()
    {
        int count;
        var type = LibvirtNative.virDomainGetSchedulerType(Handle, &count);
        if (type is null)
        {
            throw LibvirtException.FromLastError("virDomainGetSchedulerType");
        }

        NativeStrings.Take(type);
        return TypedParameterMarshaller.GetExactly(
            "virDomainGetSchedulerParameters", count, (p, n) => LibvirtNative.virDomainGetSchedulerParameters(Handle, p, n));
    }

    /// <summary><c>virDomainSetSchedulerParametersFlags</c>.</summary>
    public void SetSchedulerParameters(ReadOnlySpan<TypedParameter> parameters, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Set(
            "virDomainSetSchedulerParametersFlags", parameters, (p, n) => LibvirtNative.virDomainSetSchedulerParametersFlags(Handle, p, n, (uint)impact));

    /// <summary>memtune: <c>hard_limit</c>, <c>soft_limit</c>, <c>swap_hard_limit</c>, <c>min_guarantee</c> (KiB).</summary>
    public TypedParameter[] GetMemoryParameters(DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Get(
            "virDomainGetMemoryParameters", (p, n) => LibvirtNative.virDomainGetMemoryParameters(Handle, p, n, (uint)impact));

    /// <summary>Sets memtune parameters (type <c>ullong</c>, KiB).</summary>
    public void SetMemoryParameters(ReadOnlySpan<TypedParameter> parameters, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Set(
            "virDomainSetMemoryParameters", parameters, (p, n) => LibvirtNative.virDomainSetMemoryParameters(Handle, p, n, (uint)impact));

    /// <summary>blkiotune parameters (<c>weight</c>, type <c>uint</c>, ...).</summary>
    public TypedParameter[] GetBlkioParameters(DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Get(
            "virDomainGetBlkioParameters", (p, n) => LibvirtNative.virDomainGetBlkioParameters(Handle, p, n, (uint)impact));

    /// <summary>Sets blkiotune parameters.</summary>
    public void SetBlkioParameters(ReadOnlySpan<TypedParameter> parameters, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Set(
            "virDomainSetBlkioParameters", parameters, (p, n) => LibvirtNative.virDomainSetBlkioParameters(Handle, p, n, (uint)impact));

    /// <summary>Interface bandwidth (<c>inbound.average</c>, ... type <c>uint</c>) of the interface with MAC or target <paramref name="device"/>.</summary>
    public TypedParameter[] GetInterfaceParameters(string device, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Get(
            "virDomainGetInterfaceParameters", (p, n) => LibvirtNative.virDomainGetInterfaceParameters(Handle, device, p, n, (uint)impact));

    /// <summary>Sets interface bandwidth of the interface with MAC or target <paramref name="device"/>.</summary>
    public void SetInterfaceParameters(string device, ReadOnlySpan<TypedParameter> parameters, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        TypedParameterMarshaller.Set(
            "virDomainSetInterfaceParameters", parameters, (p, n) => LibvirtNative.virDomainSetInterfaceParameters(Handle, device, p, n, (uint)impact));
}
