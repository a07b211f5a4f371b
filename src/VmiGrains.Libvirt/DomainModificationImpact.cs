namespace VmiGrains.Libvirt;

/// <summary><c>virDomainModificationImpact</c> and the memory/vcpu "maximum" flag.</summary>
[Flags]
internal enum DomainModificationImpact : uint
{
    /// <summary>The live domain if running, else its persistent config.</summary>
    Current = 0,
    Live = 1,
    Config = 2,

    /// <summary><c>VIR_DOMAIN_MEM_MAXIMUM</c> / <c>VIR_DOMAIN_VCPU_MAXIMUM</c>.</summary>
    Maximum = 4,
}
