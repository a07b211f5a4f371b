using System.Runtime.CompilerServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt.Tests.Interop;

/// <summary>The managed structs match the C layouts printed by layout.c against libvirt 9's headers.</summary>
public sealed unsafe class StructLayoutTests
{
    [Fact]
    public void TypedParameter_Layout_MatchesHeader()
    {
        var p = default(NativeTypedParameter);
        var start = (byte*)&p;
        Assert.Equal(96, sizeof(NativeTypedParameter));
        Assert.Equal(80, (int)((byte*)&p.Type - start));
        Assert.Equal(88, (int)((byte*)&p.ULLong - start));
        Assert.Equal(88, (int)((byte*)&p.String - start));
    }

    [Fact]
    public void InfoStructs_Sizes_MatchHeader()
    {
        Assert.Equal(40, Unsafe.SizeOf<NativeDomainInfo>());
        Assert.Equal(64, Unsafe.SizeOf<NativeNodeInfo>());
        Assert.Equal(24, Unsafe.SizeOf<NativeDomainStatsRecord>());
        Assert.Equal(64, Unsafe.SizeOf<NativeInterfaceStats>());
        Assert.Equal(40, Unsafe.SizeOf<NativeBlockStats>());
        Assert.Equal(16, Unsafe.SizeOf<NativeMemoryStat>());
    }

    [Fact]
    public void DomainInfo_Offsets_MatchHeader()
    {
        var info = default(NativeDomainInfo);
        var start = (byte*)&info;
        Assert.Equal(8, (int)((byte*)&info.MaxMem - start));
        Assert.Equal(16, (int)((byte*)&info.Memory - start));
        Assert.Equal(24, (int)((byte*)&info.NrVirtCpu - start));
        Assert.Equal(32, (int)((byte*)&info.CpuTime - start));
    }
}
