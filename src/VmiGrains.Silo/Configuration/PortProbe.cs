using System.Net;
using System.Net.Sockets;

namespace VmiGrains.Silo.Configuration;

/// <summary>Finds out whether a TCP port can still be bound, to report a clash before Orleans fails obscurely.</summary>
internal static class PortProbe
{
    /// <summary>True when binding <paramref name="port"/> on every address fails because it is taken.</summary>
    public static bool InUse(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Connections of a previous run lingering in TIME_WAIT do not stop a listener: only a live one does.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }
}
