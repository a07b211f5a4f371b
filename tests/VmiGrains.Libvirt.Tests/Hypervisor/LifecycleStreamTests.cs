using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;
using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

[Collection(TestDefaultDriverGroup.Name)]
public sealed class LifecycleStreamTests
{
    public LifecycleStreamTests() => LibvirtRequirement.Ensure();

    [Fact]
    public async Task WatchLifecycleAsync_DomainChangedOnAnotherConnection_YieldsEvents()
    {
        using var hypervisor = new LibvirtHypervisor(new LibvirtHypervisorOptions { Uri = HostFixtures.DefaultUri });
        using var cancellation = new CancellationTokenSource(Await.Deadline);
        var uuid = Guid.NewGuid();
        var seen = new List<LifecycleEventKind>();
        await using var events = hypervisor.WatchLifecycleAsync(cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        var next = events.MoveNextAsync().AsTask();
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);

        // The subscription is made once enumeration has started, at a moment the test cannot observe:
        // define warm-up domains until the stream yields one, so the real sequence is not raced.
        while (!next.IsCompleted)
        {
            using (var warmUp = connection.DefineXml(HostFixtures.DomainXml("warm-up", Guid.NewGuid())))
            {
                warmUp.Undefine();
            }

            await Task.WhenAny(next, Task.Delay(50, cancellation.Token));
        }

        using var domain = connection.DefineXml(HostFixtures.DomainXml("stream-probe", uuid));
        domain.Create();
        domain.Destroy();
        domain.Undefine();

        while (seen.Count < 4 && await next)
        {
            if (events.Current.Uuid == uuid)
            {
                seen.Add(events.Current.Kind);
            }

            next = seen.Count < 4 ? events.MoveNextAsync().AsTask() : next;
        }

        Assert.Equal([LifecycleEventKind.Defined, LifecycleEventKind.Started, LifecycleEventKind.Stopped, LifecycleEventKind.Undefined], seen);
    }
}
