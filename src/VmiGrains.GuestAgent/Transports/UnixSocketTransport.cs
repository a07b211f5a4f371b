using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Protocol;

namespace VmiGrains.GuestAgent.Transports;

/// <summary>
/// QGA over a unix socket where qemu-ga (<c>-m unix-listen</c>) or QEMU's chardev listens.
/// qemu-ga serves <b>one client at a time</b> (a second client connects but gets no answer until
/// the first closes), so this transport keeps one connection, serialises commands on it, and
/// synchronises with <c>guest-sync-delimited</c> after each connect. Any timeout, EOF, socket error
/// or protocol error drops the connection: the next command reconnects and resynchronises, so a
/// late reply to an abandoned command can never be taken for the answer to a new one.
/// </summary>
internal sealed partial class UnixSocketTransport(string socketPath, int maxReplyBytes, TimeProvider time, ILogger logger) : IQgaTransport
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Socket? _socket;
    private QgaLineReader? _reader;

    public string Describe => $"qemu-ga socket {socketPath}";

    public async Task<GuestAgentResult<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var name = CommandName(command);
        try
        {
            await _gate.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut(name, timeout, "waiting for the previous command on this agent");
        }

        try
        {
            return await SendLockedAsync(name, command, timeout, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var phase = _reader is null ? "connecting or synchronising" : "waiting for the reply";
            Drop();
            return TimedOut(name, timeout, phase);
        }
        catch (OperationCanceledException)
        {
            Drop();
            throw;
        }
        catch (SocketException ex)
        {
            Drop();
            LogConnectionFailed(logger, socketPath, ex.SocketErrorCode);
            return NotConnected(name, ex.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "the socket does not exist",
                SocketError.ConnectionRefused => "nothing listens on the socket",
                _ => $"socket error {ex.SocketErrorCode} ({ex.Message})",
            });
        }
        catch (IOException ex)
        {
            Drop();
            return NotConnected(name, ex.Message);
        }
        catch (QgaProtocolException ex)
        {
            Drop();
            return GuestAgentResult.Failure<string>(GuestAgentErrorKind.ProtocolError, $"{name}: {Describe}: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Drop();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<GuestAgentResult<string>> SendLockedAsync(string name, string command, TimeSpan timeout, CancellationToken ct)
    {
        if (_socket is null || IsStale(_socket))
        {
            Drop();
            if (!File.Exists(socketPath))
            {
                return NotConnected(name, "the socket does not exist");
            }

            await ConnectAsync(ct);
        }

        await _socket!.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None, ct);
        var line = await _reader!.ReadLineAsync(ct);
        if (line is null)
        {
            Drop();
            LogConnectionLost(logger, socketPath, name);
            return NotConnected(name, "the agent closed the connection before answering (it stopped or restarted; whether the command ran is unknown)");
        }

        return GuestAgentResult.Success(line);
    }

    /// <summary>
    /// Connects, waiting while the agent is busy: qemu-ga listens with a backlog of one, so while it
    /// serves a client and another waits in the backlog, a further connect fails at once with EAGAIN.
    /// That is "another client holds the socket" (a timeout when it lasts), not "nothing listens".
    /// </summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await ConnectOnceAsync(ct);
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                LogBacklogFull(logger, socketPath);
                await Task.Delay(BusyRetryDelay, time, ct);
            }
        }
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            var reader = new QgaLineReader(socket, maxReplyBytes);
            await SynchroniseAsync(socket, reader, ct);
            (_socket, _reader) = (socket, reader);
            LogConnected(logger, socketPath);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The QGA handshake: a 0xFF byte resets the agent's JSON parser (it answers it with a parse
    /// error, which is skipped), then the agent prefixes the sync reply with 0xFF. Replies to older
    /// syncs carry other ids and are skipped.
    /// </summary>
    private static async Task SynchroniseAsync(Socket socket, QgaLineReader reader, CancellationToken ct)
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue >> 11);
        var request = Encoding.UTF8.GetBytes(QgaCommands.SyncDelimited(id) + "\n");
        await socket.SendAsync(new byte[] { QgaLineReader.Sentinel }, SocketFlags.None, ct);
        await socket.SendAsync(request, SocketFlags.None, ct);
        while (true)
        {
            if (!await reader.SkipPastSentinelAsync(ct) || await reader.ReadLineAsync(ct) is not { } line)
            {
                throw new IOException("the agent closed the connection during guest-sync-delimited");
            }

            var reply = QgaReply.Parse(QgaCommands.Sync, line);
            if (reply.IsSuccess && reply.Value.TryGetInt64(out var echoed) && echoed == id)
            {
                return;
            }
        }
    }

    /// <summary>Readable with nothing to read means the peer closed; readable with data means stray bytes. Either way: reconnect.</summary>
    private static bool IsStale(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private void Drop()
    {
        _socket?.Dispose();
        _socket = null;
        _reader = null;
    }

    private GuestAgentResult<string> NotConnected(string name, string why) => GuestAgentResult.Failure<string>(GuestAgentErrorKind.NotConnected,
        $"{name}: {Describe}: {why}; start qemu-ga in the guest (or check the VM runs and its guest-agent channel path), then retry");

    private GuestAgentResult<string> TimedOut(string name, TimeSpan timeout, string phase)
    {
        LogTimedOut(logger, socketPath, name, timeout);
        return GuestAgentResult.Failure<string>(GuestAgentErrorKind.Timeout,
            $"{name}: {Describe}: no answer within {timeout.TotalSeconds:0.###} s while {phase}; the agent may be busy or another client may hold the socket (qemu-ga serves one at a time); retry or raise GuestAgent CommandTimeout");
    }

    private static string CommandName(string command)
    {
        const string Key = "\"execute\":\"";
        var start = command.IndexOf(Key, StringComparison.Ordinal);
        if (start < 0)
        {
            return "command";
        }

        start += Key.Length;
        var end = command.IndexOf('"', start);
        return end < 0 ? "command" : command[start..end];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected and synchronised with the guest agent at {SocketPath}")]
    private static partial void LogConnected(ILogger logger, string socketPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guest agent at {SocketPath} closed the connection during {Command}")]
    private static partial void LogConnectionLost(ILogger logger, string socketPath, string command);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Guest agent at {SocketPath} is busy (its listen backlog is full): connecting again")]
    private static partial void LogBacklogFull(ILogger logger, string socketPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guest agent at {SocketPath}: connection failed ({Error})")]
    private static partial void LogConnectionFailed(ILogger logger, string socketPath, SocketError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guest agent at {SocketPath}: {Command} timed out after {Timeout}; connection dropped")]
    private static partial void LogTimedOut(ILogger logger, string socketPath, string command, TimeSpan timeout);
}
