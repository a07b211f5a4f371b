namespace VmiGrains.Grains.Tests.Network;

/// <summary>How a TCP connect attempt ended.</summary>
internal enum ConnectOutcome
{
    Connected,
    Refused,
    TimedOut,
}
