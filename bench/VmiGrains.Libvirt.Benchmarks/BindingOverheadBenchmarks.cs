using BenchmarkDotNet.Attributes;

namespace VmiGrains.Libvirt.Benchmarks;

/// <summary>
/// The binding's cost over the raw C call against the in-process test driver: SafeHandle marshalling,
/// struct copying, error checks (GetInfo), and typed-parameter parsing into managed records (all-domain stats, 100 domains).
/// </summary>
[MemoryDiagnoser]
public class BindingOverheadBenchmarks : IDisposable
{
    private LibvirtConnection? _connection;
    private LibvirtDomain? _domain;
    private nint _rawConnection;
    private nint _rawDomain;
    private string? _hostFile;

    [GlobalSetup]
    public void Setup()
    {
        _hostFile = HostFile.Write(100);
        _connection = LibvirtConnection.Open("test://" + _hostFile);
        _domain = _connection.LookupByName("vmi-000");
        _rawConnection = RawLibvirt.virConnectOpen("test://" + _hostFile);
        _rawDomain = RawLibvirt.virDomainLookupByName(_rawConnection, "vmi-000");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _domain?.Dispose();
        _connection?.Dispose();
        if (_rawDomain != 0)
        {
            _ = RawLibvirt.virDomainFree(_rawDomain);
            _ = RawLibvirt.virConnectClose(_rawConnection);
            _rawDomain = 0;
        }

        if (_hostFile is not null)
        {
            File.Delete(_hostFile);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public unsafe int GetInfo_Raw()
    {
        var info = stackalloc byte[40];
        return RawLibvirt.virDomainGetInfo(_rawDomain, info);
    }

    [Benchmark]
    public ulong GetInfo_Binding() => _domain!.GetInfo().MemoryKiB;

    [Benchmark]
    public unsafe int AllDomainStats100_Raw()
    {
        nint* records;
        var count = RawLibvirt.virConnectGetAllDomainStats(_rawConnection, 0, &records, 0);
        RawLibvirt.virDomainStatsRecordListFree(records);
        return count;
    }

    [Benchmark]
    public int AllDomainStats100_Binding() => _connection!.GetAllDomainStats().Count;
}
