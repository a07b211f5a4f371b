using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>
/// Three network namespaces standing in for a hypervisor: <c>host</c> (where VmiGrains applies
/// nft/tc; never the real host's ruleset), <c>vmi</c> (the guest, 10.250.1.2) joined to the host by
/// a veth whose host end <see cref="Tap"/> plays the VMI's tap, and <c>peer</c> (the outside,
/// 10.250.2.2) routed through the host. Names are unique per lab (<c>vmig-RANDOM-…</c>); disposing
/// deletes the namespaces, which removes every device, rule and qdisc in them, and kills the
/// listeners the lab started.
/// </summary>
internal sealed partial class NetnsLab : IAsyncDisposable
{
    public const string VmiIp = "10.250.1.2";
    public const string HostIp = "10.250.1.1";
    public const string PeerIp = "10.250.2.2";

    private readonly List<Process> _listeners = [];
    private readonly List<string> _namespaces = [];
    private ServiceProvider? _services;

    private NetnsLab(string id)
    {
        Id = id;
        HostNs = $"vmig-{id}-h";
        VmiNs = $"vmig-{id}-v";
        PeerNs = $"vmig-{id}-p";
        Tap = $"vt{id}";
    }

    public string Id { get; }

    public string HostNs { get; }

    public string VmiNs { get; }

    public string PeerNs { get; }

    public string Tap { get; }

    public INetworkEnforcer Enforcer => (_services ??= BuildServices()).GetRequiredService<INetworkEnforcer>();

    public static async Task<NetnsLab> CreateAsync()
    {
        NetTools.Require(NetTools.Ip, NetTools.Nft, NetTools.Tc, NetTools.Nc, NetTools.Ping, NetTools.Sysctl);
        var lab = new NetnsLab(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6]);
        try
        {
            await lab.BuildAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a program inside namespace <paramref name="ns"/>.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(string ns, string program, params string[] args) =>
        Proc.RunAsync(NetTools.Ip, ["netns", "exec", ns, program, .. args]);

    /// <summary>Runs a program in the host namespace and throws on failure.</summary>
    public async Task<string> HostAsync(string program, params string[] args)
    {
        var (code, stdout, stderr) = await ExecAsync(HostNs, program, args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)} in {HostNs} failed ({code}): {stderr}");
    }

    /// <summary>Adds a veth pair inside the host namespace and returns one end (a second tap, or a foreign device).</summary>
    public async Task<string> AddDeviceAsync(string suffix)
    {
        var name = $"vd{Id}{suffix}";
        await HostAsync(NetTools.Ip, "link", "add", name, "type", "veth", "peer", "name", name + "p");
        await HostAsync(NetTools.Ip, "link", "set", name, "up");
        return name;
    }

    /// <summary>Starts a TCP listener in <paramref name="ns"/> and waits until it accepts.</summary>
    public async Task ListenAsync(string ns, int port)
    {
        var start = new ProcessStartInfo(NetTools.Ip) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "netns", "exec", ns, NetTools.Nc, "-lk", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _listeners.Add(process);
        for (var i = 0; i < 100; i++)
        {
            var (_, stdout, _) = await ExecAsync(ns, "/usr/bin/ss", "-Hltn", $"sport = :{port}");
            if (stdout.Contains(':' + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"nc did not listen on {port} in {ns}");
    }

    /// <summary>Tries one TCP connection from <paramref name="ns"/>.</summary>
    public static async Task<ConnectOutcome> ConnectAsync(string ns, string ip, int port)
    {
        var (code, _, stderr) = await ExecAsync(ns, NetTools.Nc, "-z", "-v", "-w", "2", ip, port.ToString(CultureInfo.InvariantCulture));
        return code == 0 ? ConnectOutcome.Connected
            : stderr.Contains("refused", StringComparison.OrdinalIgnoreCase) ? ConnectOutcome.Refused
            : ConnectOutcome.TimedOut;
    }

    /// <summary>Pings and returns (sent, received, average RTT in ms or null).</summary>
    public static async Task<(int Sent, int Received, double? AvgMs)> PingAsync(string ns, string ip, int count)
    {
        var (_, stdout, _) = await ExecAsync(ns, NetTools.Ping, "-n", "-q", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", "0.02", "-W", "1", ip);
        var counts = Counts().Match(stdout);
        if (!counts.Success)
        {
            throw new InvalidOperationException($"unexpected ping output: {stdout}");
        }

        var rtt = Rtt().Match(stdout);
        return (int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture),
            rtt.Success ? double.Parse(rtt.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The host namespace's whole ruleset and qdiscs, as text.</summary>
    public async Task<(string Ruleset, string Qdiscs)> HostStateAsync() =>
        (await HostAsync(NetTools.Nft, "list", "ruleset"), await HostAsync(NetTools.Tc, "qdisc", "show"));

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            if (!listener.HasExited)
            {
                listener.Kill(entireProcessTree: true);
            }

            listener.Dispose();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        foreach (var ns in _namespaces)
        {
            await Proc.RunAsync(NetTools.Ip, ["netns", "del", ns]);
        }
    }

    private async Task BuildAsync()
    {
        foreach (var ns in new[] { HostNs, VmiNs, PeerNs })
        {
            await Proc.CheckAsync(NetTools.Ip, "netns", "add", ns);
            _namespaces.Add(ns);
            await Proc.CheckAsync(NetTools.Ip, "-n", ns, "link", "set", "lo", "up");
        }

        await Proc.CheckAsync(NetTools.Ip, "-n", HostNs, "link", "add", Tap, "type", "veth", "peer", "name", "eth0", "netns", VmiNs);
        await Proc.CheckAsync(NetTools.Ip, "-n", HostNs, "link", "add", $"vu{Id}", "type", "veth", "peer", "name", "eth0", "netns", PeerNs);
        await Link(HostNs, Tap, $"{HostIp}/24");
        await Link(HostNs, $"vu{Id}", "10.250.2.1/24");
        await Link(VmiNs, "eth0", $"{VmiIp}/24");
        await Link(PeerNs, "eth0", $"{PeerIp}/24");
        await Proc.CheckAsync(NetTools.Ip, "-n", VmiNs, "route", "add", "default", "via", HostIp);
        await Proc.CheckAsync(NetTools.Ip, "-n", PeerNs, "route", "add", "default", "via", "10.250.2.1");
        await HostAsync(NetTools.Sysctl, "-qw", "net.ipv4.ip_forward=1");
    }

    private static async Task Link(string ns, string dev, string cidr)
    {
        await Proc.CheckAsync(NetTools.Ip, "-n", ns, "addr", "add", cidr, "dev", dev);
        await Proc.CheckAsync(NetTools.Ip, "-n", ns, "link", "set", dev, "up");
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddVmiGrainsNetwork(o =>
        {
            o.Enabled = true;
            o.NetworkNamespace = HostNs;
            o.TapAttachment = TapAttachments.Routed; // the lab's tap is a routed veth, not a bridge port
        });
        return services.BuildServiceProvider();
    }

    [GeneratedRegex(@"(\d+) packets transmitted, (\d+) received")]
    private static partial Regex Counts();

    [GeneratedRegex(@"= [\d.]+/([\d.]+)/")]
    private static partial Regex Rtt();
}
