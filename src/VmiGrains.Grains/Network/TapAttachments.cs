namespace VmiGrains.Grains.Network;

/// <summary>The values of <see cref="NetworkOptions.TapAttachment"/>.</summary>
public static class TapAttachments
{
    /// <summary>Taps are Linux bridge ports (libvirt <c>type='bridge'</c> or <c>'network'</c>): table <c>bridge vmigrains</c>.</summary>
    public const string Bridge = "bridge";

    /// <summary>Taps are routed by the host (libvirt <c>type='ethernet'</c>): table <c>inet vmigrains</c>.</summary>
    public const string Routed = "routed";

    /// <summary>Every valid value.</summary>
    public static IReadOnlyList<string> All { get; } = [Bridge, Routed];
}
