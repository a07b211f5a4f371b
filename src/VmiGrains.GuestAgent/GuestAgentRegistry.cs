using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Transports;

namespace VmiGrains.GuestAgent;

/// <summary>
/// The silo's guest agents, one shared <see cref="QemuGuestAgent"/> per VMI. Where a VMI's agent is
/// reached is decided once, on first use, in this order: a transport registered at run time
/// (<see cref="UseUnixSocket"/>, <see cref="UseDomainChannel"/>), <see cref="GuestAgentOptions.SocketPaths"/>,
/// <see cref="GuestAgentOptions.SocketPathTemplate"/>, the <see cref="IDomainAgentChannelProvider"/>;
/// otherwise the agent answers NotConnected naming these settings.
/// </summary>
public sealed class GuestAgentRegistry(
    IOptions<GuestAgentOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    IDomainAgentChannelProvider? channels = null) : IGuestAgentFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<QemuGuestAgent>> _agents = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IGuestAgent GetAgent(string vmiId)
    {
        ArgumentException.ThrowIfNullOrEmpty(vmiId);
        return _agents.GetOrAdd(vmiId, id => new Lazy<QemuGuestAgent>(() => Create(id, Resolve(id)))).Value;
    }

    /// <summary>Reach <paramref name="vmiId"/>'s agent through the unix socket at <paramref name="socketPath"/> from now on.</summary>
    public ValueTask UseUnixSocket(string vmiId, string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var value = options.Value;
        return ReplaceAsync(vmiId, new UnixSocketTransport(socketPath, value.MaxReplyBytes, time, loggerFactory.CreateLogger<UnixSocketTransport>()));
    }

    /// <summary>Reach <paramref name="vmiId"/>'s agent through libvirt's agent channel from now on.</summary>
    public ValueTask UseDomainChannel(string vmiId, IDomainAgentChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ReplaceAsync(vmiId, new DomainChannelTransport(channel, vmiId));
    }

    /// <summary>Forgets <paramref name="vmiId"/>'s agent and closes its connection (the VMI was undefined or moved).</summary>
    public async ValueTask RemoveAsync(string vmiId)
    {
        if (_agents.TryRemove(vmiId, out var agent) && agent.IsValueCreated)
        {
            await agent.Value.DisposeAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in _agents.Keys)
        {
            await RemoveAsync(id);
        }
    }

    private async ValueTask ReplaceAsync(string vmiId, IQgaTransport transport)
    {
        ArgumentException.ThrowIfNullOrEmpty(vmiId);
        var fresh = new Lazy<QemuGuestAgent>(Create(vmiId, transport));
        var old = _agents.TryGetValue(vmiId, out var existing) ? existing : null;
        _agents[vmiId] = fresh;
        if (old is { IsValueCreated: true })
        {
            await old.Value.DisposeAsync();
        }
    }

    private IQgaTransport Resolve(string vmiId)
    {
        var value = options.Value;
        var path = value.SocketPaths.TryGetValue(vmiId, out var configured) ? configured : value.SocketPathTemplate?.Replace("{vmi}", vmiId, StringComparison.Ordinal);
        if (path is not null)
        {
            return new UnixSocketTransport(path, value.MaxReplyBytes, time, loggerFactory.CreateLogger<UnixSocketTransport>());
        }

        return channels?.GetChannel(vmiId) is { } channel ? new DomainChannelTransport(channel, vmiId) : new UnconfiguredTransport(vmiId);
    }

    private QemuGuestAgent Create(string vmiId, IQgaTransport transport) =>
        new(transport, options.Value, time, loggerFactory.CreateLogger<QemuGuestAgent>());
}
