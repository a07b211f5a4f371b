using System.Collections.Concurrent;
using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Binding;

[Collection(TestDefaultDriverGroup.Name)]
public sealed class LifecycleEventTests
{
    private const int Defined = 0;
    private const int Undefined = 1;
    private const int Started = 2;
    private const int Stopped = 5;

    public LifecycleEventTests() => LibvirtRequirement.Ensure();

    [Fact]
    public void Subscribe_DefineStartDestroyUndefine_DeliversEachEventInOrder()
    {
        var uuid = Guid.NewGuid();
        var events = new BlockingCollection<LibvirtLifecycleEvent>();
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using (new LifecycleSubscription(connection, e =>
        {
            if (e.Uuid == uuid)
            {
                events.Add(e);
            }
        }))
        {
            using var domain = connection.DefineXml(HostFixtures.DomainXml("events-probe", uuid));
            domain.Create();
            domain.Destroy();
            domain.Undefine();

            var received = new List<int>();
            while (received.Count < 4 && events.TryTake(out var e, Await.Deadline))
            {
                Assert.Equal("events-probe", e.Name);
                received.Add(e.Event);
            }

            Assert.Equal([Defined, Started, Stopped, Undefined], received);
        }

        Assert.False(LibvirtEventLoop.IsRunning, "the event loop thread should stop when the last subscription is disposed");
    }

    [Fact]
    public void Dispose_Subscription_StopsDelivery()
    {
        var count = 0;
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        var subscription = new LifecycleSubscription(connection, _ => Interlocked.Increment(ref count));
        Assert.True(LibvirtEventLoop.IsRunning);

        subscription.Dispose();
        using var domain = connection.DefineXml(HostFixtures.DomainXml("after-dispose", Guid.NewGuid()));
        domain.Undefine();

        Assert.False(LibvirtEventLoop.IsRunning);
        Assert.Equal(0, Volatile.Read(ref count));
    }
}
