using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Orleans.Connections.Security;
using Orleans.Serialization.Session;
using VmiGrains.Grains.Security;

namespace VmiGrains.Silo.Security;

/// <summary>
/// Gateway connection middleware, after TLS. Orleans takes a message's sending grain id from the
/// client's own bytes and checks it against nothing, so a client could pose as a silo's grain. This
/// guard sits between TLS and Orleans on every gateway connection and: pins the connection to the
/// client id of its first message (a plain client id, not a silo's hosted client nor an observer);
/// registers that id's identity (<see cref="GatewayClients"/>: the certificate's subject and scopes)
/// in <see cref="IGatewayClientGrain"/> before the first message reaches Orleans; and closes the
/// connection at the first message whose sending grain is neither that client nor one of its observers.
/// Ordering invariant: no message of a connection is forwarded before its identity is registered.
/// The registration lives in one grain activation, which dies with its silo; the guard registers again
/// every <see cref="RefreshEvery"/> while the connection is open, so a lost registration comes back
/// within that period (the call filter waits that long for it before refusing).
/// </summary>
internal sealed partial class GatewayConnectionGuard(
    SerializerSessionPool sessions,
    IGrainFactory grains,
    GatewayClients clients,
    TimeProvider time,
    ILogger<GatewayConnectionGuard> logger)
{
    /// <summary>How often an open connection registers its identity again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    /// <summary>The middleware for <c>SiloConnectionOptions.ConfigureGatewayInboundConnection</c>.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async context =>
    {
        var identity = clients.Identify(context.Features.Get<ITlsConnectionFeature>()?.RemoteCertificate);
        var transport = context.Transport;
        var forwarded = new Pipe();
        context.Transport = new DuplexPipe(forwarded.Reader, transport.Output);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(context, transport.Input, forwarded.Writer, identity, stop.Token);
        try
        {
            await next(context);
        }
        finally
        {
            await stop.CancelAsync();
            transport.Input.CancelPendingRead();
            var (pinned, heartbeat) = await pump;
            if (heartbeat is not null)
            {
                await heartbeat;
            }

            context.Transport = transport;
            if (pinned is { } id)
            {
                await grains.GetGrain<IGatewayClientGrain>(id.ToString()).UnregisterAsync(context.ConnectionId);
            }
        }
    };

    /// <summary>Forwards whole, checked units; returns the client id the connection was pinned to and its re-registration loop.</summary>
    private async Task<(GrainId? Pinned, Task? Heartbeat)> PumpAsync(ConnectionContext context, PipeReader source, PipeWriter sink, GatewayClient identity, CancellationToken stop)
    {
        GrainId? pinned = null;
        Task? heartbeat = null;
        var preamble = true;
        Exception? failure = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await source.ReadAsync(CancellationToken.None);
                var buffer = result.Buffer;
                long consumed = 0;
                while (true)
                {
                    var rest = buffer.Slice(consumed);
                    var unit = GatewayFrames.NextUnit(rest, preamble, out var headerLength);
                    if (unit == 0)
                    {
                        break;
                    }

                    if (!preamble)
                    {
                        var sending = GatewayFrames.SendingGrain(rest.Slice(8, headerLength), sessions);
                        if (pinned is null)
                        {
                            pinned = await PinAsync(context, sending, identity);
                            heartbeat = HeartbeatAsync(context, pinned.Value, identity, stop);
                        }

                        if (!GatewayClients.IsSameClient(sending, pinned.Value))
                        {
                            throw new InvalidDataException($"a message claims to come from {sending}, but this connection is client {pinned}");
                        }
                    }

                    foreach (var segment in rest.Slice(0, unit))
                    {
                        sink.Write(segment.Span);
                    }

                    preamble = false;
                    consumed += unit;
                }

                source.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                await sink.FlushAsync(CancellationToken.None);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            LogClosed(context.ConnectionId, context.RemoteEndPoint?.ToString() ?? "unknown", identity.Caller, ex.Message);
            failure = ex;
            context.Abort(new ConnectionAbortedException(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away; Orleans sees the end of its input and closes it.
        }

        await sink.CompleteAsync(failure);
        return (pinned, heartbeat);
    }

    private async Task HeartbeatAsync(ConnectionContext context, GrainId client, GatewayClient identity, CancellationToken stop)
    {
        var registry = grains.GetGrain<IGatewayClientGrain>(client.ToString());
        while (true)
        {
            try
            {
                await Task.Delay(RefreshEvery, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (!await registry.RegisterAsync(context.ConnectionId, identity))
                {
                    LogClosed(context.ConnectionId, context.RemoteEndPoint?.ToString() ?? "unknown", identity.Caller, $"client id {client} is connected elsewhere as another identity");
                    context.Abort(new ConnectionAbortedException("client id in use by another identity"));
                    return;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The registry's silo may be going away; the next round registers again.
                LogRefreshFailed(context.ConnectionId, ex.Message);
            }
        }
    }

    private async Task<GrainId> PinAsync(ConnectionContext context, GrainId sending, GatewayClient identity)
    {
        if (!GatewayClients.IsPlainClient(sending))
        {
            throw new InvalidDataException($"the first message claims to come from {sending}, which is not a client id a client may use");
        }

        if (!await grains.GetGrain<IGatewayClientGrain>(sending.ToString()).RegisterAsync(context.ConnectionId, identity))
        {
            throw new InvalidDataException($"client id {sending} is already connected as another identity");
        }

        LogPinned(context.ConnectionId, sending, identity.Caller, identity.Scopes);
        return sending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connection {Connection}: client {Client} authenticated as {Caller} with scopes {Scopes}")]
    private partial void LogPinned(string connection, GrainId client, string caller, IReadOnlyList<string> scopes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gateway connection {Connection}: registering its identity again failed ({Reason}); retrying")]
    private partial void LogRefreshFailed(string connection, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection {Connection} from {Remote} ({Caller}) closed: {Reason}")]
    private partial void LogClosed(string connection, string remote, string caller, string reason);
}
