namespace VmiGrains.Abstractions.Profiles;

/// <summary>Direction as seen from the VMI.</summary>
public enum TrafficDirection
{
    /// <summary>Traffic to the VMI.</summary>
    Ingress,

    /// <summary>Traffic from the VMI.</summary>
    Egress,
}
