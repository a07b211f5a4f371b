namespace VmiGrains.Abstractions.Profiles;

/// <summary>Protocols a network rule can match.</summary>
public enum NetworkProtocol
{
    /// <summary>Any protocol (no ports).</summary>
    Any,

    /// <summary>TCP.</summary>
    Tcp,

    /// <summary>UDP.</summary>
    Udp,

    /// <summary>ICMP and ICMPv6 (no ports).</summary>
    Icmp,
}
