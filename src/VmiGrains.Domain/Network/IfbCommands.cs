using System.Globalization;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Argument lists for limiting what a VMI <b>sends</b> (the tap's ingress): tc can only queue on
/// egress, so the tap's ingress is redirected (<c>u32</c> match-all, <c>mirred</c>) to an ifb device
/// whose root qdisc of ours (<see cref="TcCommands.Handle"/>) is the limit. Ownership rule: an ifb
/// named <see cref="DeviceFor"/> of a tap, and the tap's ingress qdisc while that ifb exists, belong to
/// VmiGrains; an ingress qdisc without our ifb (e.g. libvirt's police) is someone else's.
/// </summary>
public static class IfbCommands
{
    /// <summary>The name prefix of every ifb device VmiGrains creates.</summary>
    public const string DevicePrefix = "vmib";

    /// <summary>The ifb of <paramref name="tap"/>: <c>vmib</c> + 8 hex digits of a stable hash (fits IFNAMSIZ for any tap name).</summary>
    public static string DeviceFor(string tap)
    {
        InterfaceNames.ThrowIfInvalid([tap], "tap");
        var hash = 2166136261u;
        foreach (var c in tap)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return DevicePrefix + hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary><c>ip</c> arguments that create the ifb device.</summary>
    public static IReadOnlyList<string> AddDevice(string ifb) => ["link", "add", ifb, "type", "ifb"];

    /// <summary><c>ip</c> arguments that bring it up.</summary>
    public static IReadOnlyList<string> Up(string ifb) => ["link", "set", ifb, "up"];

    /// <summary><c>ip</c> arguments that remove it.</summary>
    public static IReadOnlyList<string> DeleteDevice(string ifb) => ["link", "del", ifb];

    /// <summary><c>ip</c> arguments that list ifb devices as JSON.</summary>
    public static IReadOnlyList<string> ListDevices() => ["-j", "link", "show", "type", "ifb"];

    /// <summary><c>tc</c> arguments that add the tap's ingress qdisc.</summary>
    public static IReadOnlyList<string> AddIngress(string tap) => ["qdisc", "add", "dev", tap, "handle", "ffff:", "ingress"];

    /// <summary><c>tc</c> arguments that remove the tap's ingress qdisc (and its filters).</summary>
    public static IReadOnlyList<string> DeleteIngress(string tap) => ["qdisc", "del", "dev", tap, "ingress"];

    /// <summary><c>tc</c> arguments that show the tap's ingress qdisc.</summary>
    public static IReadOnlyList<string> ShowIngress(string tap) => ["qdisc", "show", "dev", tap, "ingress"];

    /// <summary><c>tc</c> arguments that show the tap's ingress filters.</summary>
    public static IReadOnlyList<string> ShowRedirect(string tap) => ["filter", "show", "dev", tap, "parent", "ffff:"];

    /// <summary><c>tc</c> arguments that redirect everything the VMI sends to <paramref name="ifb"/>.</summary>
    public static IReadOnlyList<string> Redirect(string tap, string ifb) =>
        ["filter", "add", "dev", tap, "parent", "ffff:", "protocol", "all", "prio", "1", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", ifb];
}
