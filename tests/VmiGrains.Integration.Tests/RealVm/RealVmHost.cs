using System.Diagnostics;
using System.Globalization;
using VmiGrains.Libvirt;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// A private KVM/qemu host (TCG) from <c>scripts/kvm-host.sh</c>: its own libvirtd inside its own network
/// namespace with <see cref="GuestCount"/> guests booted once for the whole collection, torn down in
/// <see cref="DisposeAsync"/> (the script's <c>stop</c> also cleans up after a failed start). A missing
/// libvirtd/qemu or a host that cannot boot fails every test of the collection: these tests never skip.
/// </summary>
public sealed class RealVmHost : IAsyncLifetime
{
    public const int GuestCount = 2;

    private static readonly string Script = RepoPaths.Of("scripts", "kvm-host.sh");
    private readonly string _directory = Directory.CreateTempSubdirectory("vmig-realvm-").FullName;
    private LibvirtConnection? _connection;

    /// <summary>The private libvirtd's URI (<c>qemu+unix:///system?socket=…</c>).</summary>
    public string Uri { get; private set; } = string.Empty;

    /// <summary>The network namespace holding the bridge, the taps and the guests' addresses.</summary>
    public string Netns { get; private set; } = string.Empty;

    /// <summary>The host side of the bridge.</summary>
    public string HostIp { get; private set; } = string.Empty;

    /// <summary>The guest-name prefix of this host (<c>vmig-TAG-…</c>); <c>kvm-host.sh stop</c> cleans up what carries it.</summary>
    public string Tag { get; private set; } = string.Empty;

    /// <summary>The guest image directory (vmlinuz, initrd.img) from <c>scripts/guest-image.sh</c>.</summary>
    public string Image { get; private set; } = string.Empty;

    /// <summary>A diskless, NIC-less domain of the fixture's kernel: qemu really starts it, nothing waits for a boot.</summary>
    public string DisklessDomainXml(string name, Guid uuid) => $"""
        <domain type='qemu'>
          <name>{name}</name>
          <uuid>{uuid}</uuid>
          <memory unit='MiB'>128</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='pc'>hvm</type><kernel>{Image}/vmlinuz</kernel><initrd>{Image}/initrd.img</initrd><cmdline>quiet</cmdline></os>
          <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
        </domain>
        """;

    /// <summary>Seconds from the first <c>virsh start</c> until every agent answered guest-ping.</summary>
    public int BootSeconds { get; private set; }

    internal IReadOnlyList<RealVmGuest> Guests { get; private set; } = [];

    /// <summary>One connection for the binding-level checks.</summary>
    internal LibvirtConnection Connection => _connection ?? throw new InvalidOperationException("the host did not start");

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"the real-VM tier needs root (a privileged libvirtd, network namespaces, cgroup files); run ./scripts/test.sh as root{(TestServices.IsCi ? " (CI=true: this test fails rather than skips)" : string.Empty)}");
        }

        foreach (var tool in new[] { "/usr/sbin/libvirtd", "/usr/sbin/virtlogd", "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img", "/usr/bin/virsh" })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException(
                    $"the real-VM tier needs {tool}; run ./scripts/bootstrap.sh as root (apt: libvirt-daemon-system libvirt-daemon-system-sysv libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils){(TestServices.IsCi ? " (CI=true: this test fails rather than skips)" : string.Empty)}");
            }
        }

        try
        {
            var (exit, stdout, stderr) = await RunScriptAsync("start", TimeSpan.FromMinutes(5), "--guests", GuestCount.ToString(CultureInfo.InvariantCulture));
            if (exit != 0)
            {
                throw new InvalidOperationException($"scripts/kvm-host.sh start failed ({exit}): {stdout}\n{stderr}");
            }

            ReadHostEnv(File.ReadAllLines(Path.Combine(_directory, "host.env")));
            _connection = LibvirtConnection.Open(Uri);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        _connection?.Dispose();
        _connection = null;
        var (exit, stdout, stderr) = await RunScriptAsync("stop", TimeSpan.FromMinutes(2));
        if (exit == 0)
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        else
        {
            await Console.Error.WriteLineAsync($"scripts/kvm-host.sh stop {_directory} failed ({exit}): {stdout}\n{stderr}");
        }
    }

    /// <summary>Runs a program inside the host's network namespace (e.g. <c>tc</c> on a tap, <c>ping</c> a guest).</summary>
    internal Task<(int ExitCode, string Stdout, string Stderr)> InNetnsAsync(params string[] command)
    {
        var start = new ProcessStartInfo("/usr/sbin/ip");
        foreach (var arg in (string[])["netns", "exec", Netns, .. command])
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string command, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Script);
        foreach (var arg in (string[])[command, _directory, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, timeout);
    }

    private void ReadHostEnv(string[] lines)
    {
        var env = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Uri = env["URI"];
        Netns = env["NETNS"];
        HostIp = env["HOST_IP"];
        Tag = env["TAG"];
        Image = env["IMAGE"];
        BootSeconds = int.Parse(env["BOOT_SECONDS"], CultureInfo.InvariantCulture);
        Guests = [.. Enumerable.Range(0, GuestCount).Select(i => new RealVmGuest(
            env[$"GUEST{i}_NAME"], Guid.Parse(env[$"GUEST{i}_UUID"]), env[$"GUEST{i}_IP"], env[$"GUEST{i}_MAC"]))];
    }
}
