using System.Diagnostics;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>A TCP listener (<c>nc -lk</c>) on the host side of the fixture's bridge, inside the host's namespace.</summary>
internal static class HostListener
{
    /// <summary>Starts it on <paramref name="port"/>; kill it (with its tree) when done.</summary>
    public static Process Start(RealVmHost host, int port)
    {
        var start = new ProcessStartInfo("/usr/sbin/ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "netns", "exec", host.Netns, "nc", "-lk", host.HostIp, port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
