using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Protocol;
using VmiGrains.GuestAgent.Transports;

namespace VmiGrains.GuestAgent;

/// <summary>
/// The <see cref="IGuestAgent"/> over the QEMU guest agent JSON protocol. Create one per VMI with
/// <see cref="ForUnixSocket"/> (dev/test) or <see cref="ForDomainChannel"/> (libvirt), or get it from
/// <see cref="GuestAgentRegistry"/>; share it, and dispose it when the VMI goes away.
/// </summary>
public sealed partial class QemuGuestAgent : IGuestAgent, IAsyncDisposable
{
    private readonly IQgaTransport _transport;
    private readonly GuestAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FinishedExecs _finished = new(1024);
    private GuestOsInfo? _osInfo;

    internal QemuGuestAgent(IQgaTransport transport, GuestAgentOptions options, TimeProvider time, ILogger logger)
    {
        _transport = transport;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>An agent reached through the qemu-ga unix socket at <paramref name="socketPath"/> (connected lazily).</summary>
    public static QemuGuestAgent ForUnixSocket(string socketPath, GuestAgentOptions? options = null, TimeProvider? time = null, ILogger<QemuGuestAgent>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        options ??= new GuestAgentOptions();
        var log = (ILogger?)logger ?? NullLogger.Instance;
        time ??= TimeProvider.System;
        return new QemuGuestAgent(new UnixSocketTransport(socketPath, options.MaxReplyBytes, time, log), options, time, log);
    }

    /// <summary>An agent reached through libvirt's <c>virDomainQemuAgentCommand</c> for VMI <paramref name="vmiId"/>.</summary>
    public static QemuGuestAgent ForDomainChannel(IDomainAgentChannel channel, string vmiId, GuestAgentOptions? options = null, TimeProvider? time = null, ILogger<QemuGuestAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new QemuGuestAgent(new DomainChannelTransport(channel, vmiId), options ?? new GuestAgentOptions(), time ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<bool>> PingAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(QgaCommands.Ping, QgaCommands.Simple(QgaCommands.Ping), cancellationToken);
        return reply.IsSuccess ? GuestAgentResult.Success(true) : reply.As<bool>();
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<GuestAgentInfo>> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(QgaCommands.Info, QgaCommands.Simple(QgaCommands.Info), cancellationToken);
        return reply.IsSuccess ? Shape(QgaCommands.Info, reply.Value, QgaParsers.Info) : reply.As<GuestAgentInfo>();
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<GuestOsInfo>> GetOsInfoAsync(CancellationToken cancellationToken = default)
    {
        if (_osInfo is { } cached)
        {
            return GuestAgentResult.Success(cached);
        }

        var reply = await CallAsync(QgaCommands.OsInfo, QgaCommands.Simple(QgaCommands.OsInfo), cancellationToken);
        var result = reply.IsSuccess ? Shape(QgaCommands.OsInfo, reply.Value, QgaParsers.OsInfo) : reply.As<GuestOsInfo>();
        if (result.IsSuccess)
        {
            _osInfo = result.Value;
        }

        return result;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    private async Task<GuestAgentResult<JsonElement>> CallAsync(string name, string command, CancellationToken cancellationToken)
    {
        var reply = await _transport.SendAsync(command, _options.CommandTimeout, cancellationToken);
        if (!reply.IsSuccess)
        {
            LogCallFailed(_logger, _transport.Describe, name, reply.Error.Kind, reply.Error.Message);
            return reply.As<JsonElement>();
        }

        return QgaReply.Parse(name, reply.Value);
    }

    /// <summary>Turns a reply of an unexpected shape into a ProtocolError instead of an exception.</summary>
    private GuestAgentResult<T> Shape<T>(string name, JsonElement value, Func<JsonElement, T> parse)
    {
        try
        {
            return GuestAgentResult.Success(parse(value));
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return GuestAgentResult.Failure<T>(GuestAgentErrorKind.ProtocolError,
                $"{name}: {_transport.Describe}: the reply does not have the expected shape ({ex.Message}); check the qemu-ga version (7.2 or later is supported)");
        }
    }
}
