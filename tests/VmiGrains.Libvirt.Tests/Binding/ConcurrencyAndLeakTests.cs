using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Binding;

[Collection(TestDefaultDriverGroup.Name)]
public sealed class ConcurrencyAndLeakTests
{
    public ConcurrencyAndLeakTests() => LibvirtRequirement.Ensure();

    [Fact]
    public void SharedConnection_SixteenThreadsMixedCalls_NoFailures()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var calls = 0;
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            try
            {
                using var domain = connection.LookupByName("test");
                for (var i = 0; i < 300; i++)
                {
                    switch ((t + i) % 5)
                    {
                        case 0:
                            Assert.True(domain.GetInfo().MaxMemoryKiB > 0);
                            break;
                        case 1:
                            domain.SetMemory(1024 * (uint)(256 + i));
                            break;
                        case 2:
                            domain.SetBlkioParameters([TypedParameter.UInt("weight", (uint)(100 + i))]);
                            break;
                        case 3:
                            Assert.NotEmpty(connection.GetAllDomainStats());
                            break;
                        default:
                            Assert.Throws<LibvirtException>(() => connection.LookupByName($"missing-{t}-{i}"));
                            break;
                    }

                    Interlocked.Increment(ref calls);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.Equal(16 * 300, calls);
    }

    [Fact]
    public void OpenCloseLoop_ConnectionsAndDomains_ReleasedAndStateResets()
    {
        var probe = Guid.Parse("00000000-0000-4000-8000-00000000beef");
        for (var i = 0; i < 200; i++)
        {
            using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
            var domains = connection.ListAllDomains();
            foreach (var domain in domains)
            {
                domain.Dispose();
            }

            using var defined = connection.DefineXml(HostFixtures.DomainXml("leak-probe", probe));
            Assert.Equal(probe, defined.Uuid);
        }

        // Every handle above was released, so the shared test:///default state was dropped with the
        // last one: a new connection sees the pristine host again, without the probe domain.
        using var fresh = LibvirtConnection.Open(HostFixtures.DefaultUri);
        Assert.Null(fresh.TryLookupByUuid(probe));
    }

    [Fact]
    public void TestDefaultState_LiveDomainHandle_KeepsStateUntilReleased()
    {
        var probe = Guid.Parse("00000000-0000-4000-8000-00000000cafe");
        var first = LibvirtConnection.Open(HostFixtures.DefaultUri);
        var held = first.DefineXml(HostFixtures.DomainXml("held-probe", probe));
        first.Dispose();

        using (var second = LibvirtConnection.Open(HostFixtures.DefaultUri))
        {
            // The domain handle still holds the first connection, so the state is still shared.
            using var again = second.LookupByUuid(probe);
            Assert.Equal("held-probe", again.Name);
        }

        held.Dispose();
        using var third = LibvirtConnection.Open(HostFixtures.DefaultUri);
        Assert.Null(third.TryLookupByUuid(probe));
    }
}
