using System.Threading.Channels;
using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>Lifecycle events of the real qemu driver, through our binding's event loop.</summary>
[Collection(RealVmGroup.Name)]
public sealed class LifecycleOnQemuTests(RealVmHost host)
{
    [Fact]
    public async Task LifecycleSubscription_DefineStartDestroyUndefine_EventsArriveInOrder()
    {
        var events = Channel.CreateUnbounded<LibvirtLifecycleEvent>();
        var uuid = Guid.NewGuid();
        using var subscription = new LifecycleSubscription(host.Connection, e =>
        {
            if (e.Uuid == uuid)
            {
                events.Writer.TryWrite(e);
            }
        });

        var xml = host.DisklessDomainXml($"vmig-{host.Tag}-events", uuid);
        var domain = host.Connection.DefineXml(xml);
        try
        {
            await ExpectAsync(events.Reader, LifecycleEventKind.Defined);
            domain.Create();
            await ExpectAsync(events.Reader, LifecycleEventKind.Started);
            domain.Destroy();
            await ExpectAsync(events.Reader, LifecycleEventKind.Stopped);
            domain.Undefine();
            await ExpectAsync(events.Reader, LifecycleEventKind.Undefined);
        }
        finally
        {
            // Leave the host as the other tests expect it (only the fixture's guests), also after a failure.
            if (host.Connection.TryLookupByUuid(uuid) is { } left)
            {
                using (left)
                {
                    if (left.GetInfo().State == 1)
                    {
                        left.Destroy();
                    }

                    left.Undefine();
                }
            }

            domain.Dispose();
        }

        Assert.Null(host.Connection.TryLookupByUuid(uuid));
    }

    /// <summary>
    /// Reads events until <paramref name="kind"/>. qemu also reports intermediate ones in order (a start is
    /// "resumed" from its initial pause before "started", a destroy is "shutdown" before "stopped"), so only
    /// those are passed over.
    /// </summary>
    private static async Task ExpectAsync(ChannelReader<LibvirtLifecycleEvent> reader, LifecycleEventKind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        LifecycleEventKind next;
        while ((next = (LifecycleEventKind)(await reader.ReadAsync(timeout.Token)).Event) != kind)
        {
            Assert.True(next is LifecycleEventKind.Resumed or LifecycleEventKind.Suspended or LifecycleEventKind.Shutdown, $"waiting for {kind}, got {next}");
        }
    }
}
