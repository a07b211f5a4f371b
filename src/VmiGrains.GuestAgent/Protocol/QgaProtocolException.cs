namespace VmiGrains.GuestAgent.Protocol;

/// <summary>Thrown inside a transport when the byte stream breaks the protocol; turned into a ProtocolError result there.</summary>
internal sealed class QgaProtocolException(string message) : Exception(message);
