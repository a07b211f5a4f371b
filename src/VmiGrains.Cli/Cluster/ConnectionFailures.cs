using Microsoft.Extensions.Logging;
using System.Text.RegularExpressions;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// Watches the Orleans client's log while it connects (the CLI prints no log) for failures that retrying
/// cannot cure, so that <c>vmi</c> stops at once with a sentence instead of waiting for its timeout.
/// Two: the gateway is a silo of another cluster id, and (with one gateway as the target) nothing listens there. Orleans says so ("Unexpected cluster id")
/// only when the silo's answer arrives before the silo closes the connection; otherwise the client sees a
/// connection closed right after it opened, and after <see cref="ClosedAttempts"/> of those the message
/// names the likely causes.
/// </summary>
internal sealed partial class ConnectionFailures : ILoggerProvider
{
    private readonly string _clusterId;
    private readonly string _where;
    private readonly Action _stop;
    private readonly bool _singleGateway;
    private string? _fatal;
    private int _closed;
    private int _refused;

    /// <summary>Connections closed by the gateway right after they opened, before <c>vmi</c> gives up.</summary>
    public const int ClosedAttempts = 3;

    /// <summary>
    /// Refused connections to the one gateway before <c>vmi</c> gives up (about 2 s with Orleans' retry
    /// delay, measured) instead of waiting the whole connect timeout.
    /// </summary>
    public const int RefusedAttempts = 2;

    /// <param name="clusterId">The client's cluster id.</param>
    /// <param name="where">The target, for the message.</param>
    /// <param name="stop">Called once, when such a failure is seen: ends the wait for the connection.</param>
    /// <param name="singleGateway">
    /// The target is one gateway (not a membership table listing several): refused connections then mean
    /// nothing listens there, and <c>vmi</c> says so after <see cref="RefusedAttempts"/> of them.
    /// </param>
    public ConnectionFailures(string clusterId, string where, Action stop, bool singleGateway)
    {
        _clusterId = clusterId;
        _where = where;
        _stop = stop;
        _singleGateway = singleGateway;
    }

    /// <summary>The message to print when a failure that retrying cannot cure was seen; null otherwise.</summary>
    public string? Fatal => Volatile.Read(ref _fatal);

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose()
    {
    }

    private void Saw(string message, Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (UnexpectedClusterId().Match(e.Message) is { Success: true } m)
            {
                var theirs = m.Groups["theirs"].Value;
                Stop($"{_where} is a silo of a different cluster id: \"{theirs}\", not \"{_clusterId}\"; set VMIGRAINS_CLUSTER_ID={theirs} (the silos' VmiGrains:Cluster:ClusterId), or point --gateway/--redis at a silo of cluster \"{_clusterId}\"");
                return;
            }
        }

        if (_singleGateway && Refused(exception) && Interlocked.Increment(ref _refused) == RefusedAttempts)
        {
            Stop($"cannot reach the cluster: nothing listens on {_where} (connection refused {RefusedAttempts} times); start it with ./scripts/run.sh, or pass --gateway HOST:PORT (or VMIGRAINS_GATEWAY) of a running silo's gateway");
            return;
        }

        // Orleans' ConnectionManager: "Connection attempt to endpoint … failed" with the connection closed under it.
        if (message.StartsWith("Connection attempt to endpoint", StringComparison.Ordinal)
            && exception is InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionAbortedException or Microsoft.AspNetCore.Connections.ConnectionResetException
            && Interlocked.Increment(ref _closed) == ClosedAttempts)
        {
            Stop($"cannot reach the cluster: {_where} closed {ClosedAttempts} connections right after they opened. Either the gateway requires TLS (set VMIGRAINS_TLS_CA, and VMIGRAINS_TLS_CERT/VMIGRAINS_TLS_KEY for mutual TLS; see docs/operations.md, Security), or it is a silo of a different cluster id (this client's is \"{_clusterId}\", from VMIGRAINS_CLUSTER_ID or the default vmigrains-dev; the silo logs \"Unexpected cluster id\"): then set VMIGRAINS_CLUSTER_ID to the silos' VmiGrains:Cluster:ClusterId");
        }
    }

    /// <summary>
    /// Orleans' SocketConnectionException carries no inner exception, only the socket error in its message
    /// ("Unable to connect to 127.0.0.1:1. Error: ConnectionRefused").
    /// </summary>
    private static bool Refused(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
                || e.Message.EndsWith("Error: ConnectionRefused", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Stop(string message)
    {
        if (Interlocked.CompareExchange(ref _fatal, message, null) is null)
        {
            _stop();
        }
    }

    // Orleans.Core ClientOutboundConnection: $"Unexpected cluster id \"{preamble.ClusterId}\", expected \"{myClusterId}\"".
    [GeneratedRegex("Unexpected cluster id \"(?<theirs>[^\"]*)\", expected \"(?<ours>[^\"]*)\"")]
    private static partial Regex UnexpectedClusterId();

    private sealed class Listener(ConnectionFailures owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                owner.Saw(formatter(state, exception), exception);
            }
        }
    }
}
