using System.Globalization;
using System.Text;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Shell scripts (for <c>/bin/sh -c</c> through the guest agent) that put netem delay/jitter on the
/// guest's NIC, or take it off, when the host kernel has no netem. The NIC is found by its MAC in
/// <c>/sys/class/net</c> (the guest names it, not libvirt). <c>/sbin/tc</c> by full path: a busybox
/// shell runs its own tc applet first, which has no netem. Ownership as on the host: only a root
/// qdisc with handle <see cref="TcCommands.Handle"/> is replaced or removed.
/// </summary>
public static class GuestShapingScript
{
    /// <summary>Installs or replaces netem on the NIC with <paramref name="mac"/>; prints the device.</summary>
    public static string Apply(string mac, ShapingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.ThrowIfInvalid();
        var netem = new StringBuilder("netem delay ").Append(Ms(spec.DelayMs ?? 0));
        if (spec.JitterMs is > 0)
        {
            netem.Append(' ').Append(Ms(spec.JitterMs.Value));
        }

        return FindDevice(mac)
            + "modprobe sch_netem 2>/dev/null || true\n"
            + $"/sbin/tc qdisc replace dev \"$dev\" root handle {TcCommands.Handle} {netem}\n"
            + "echo \"$dev\"\n";
    }

    /// <summary>Removes our netem from the NIC with <paramref name="mac"/> (no-op when it has none); prints the device.</summary>
    public static string Remove(string mac) =>
        FindDevice(mac)
        + $"if /sbin/tc qdisc show dev \"$dev\" | grep -q ' {TcCommands.Handle} root'; then /sbin/tc qdisc del dev \"$dev\" root handle {TcCommands.Handle}; fi\n"
        + "echo \"$dev\"\n";

    private static string FindDevice(string mac)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(mac, "^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$"))
        {
            throw new ArgumentException($"mac: not a MAC address (got {mac}); expected six hex pairs like 52:54:00:12:34:56", nameof(mac));
        }

        return "set -e\ndev=\n"
            + $"for d in /sys/class/net/*; do [ \"$(cat \"$d/address\")\" = \"{mac.ToLowerInvariant()}\" ] && dev=${{d##*/}} || true; done\n"
            + $"[ -n \"$dev\" ] || {{ echo 'no guest interface has MAC {mac.ToLowerInvariant()}' >&2; exit 3; }}\n";
    }

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
