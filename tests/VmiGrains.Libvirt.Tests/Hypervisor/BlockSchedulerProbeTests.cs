using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

/// <summary>The probe over a fixture /proc + /sys tree (the layout of this machine: ext4 on vda, a tmpfs, a bfq loop device).</summary>
public sealed class BlockSchedulerProbeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vmig-sched-");

    public BlockSchedulerProbeTests()
    {
        Write("proc/self/mountinfo",
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n" +
            "25 22 0:21 / /tmp rw shared:5 - tmpfs tmpfs rw\n" +
            "30 22 7:0 / /mnt/fast\\040disk rw shared:9 - ext4 /dev/loop0 rw\n" +
            "31 22 254:1 / /data rw shared:10 - ext4 /dev/vdb1 rw\n");
        Device("254:0", "vda", "none [mq-deadline] kyber bfq\n");
        Device("7:0", "loop0", "none mq-deadline kyber [bfq]\n");
        Device("254:16", "vdb", "none [mq-deadline] kyber bfq\n");
        // A partition: /sys/dev/block/254:1 → .../vdb/vdb1 with a 'partition' file; the queue is its parent's.
        var part = Directory.CreateDirectory(Path.Combine(_root.FullName, "sys/devices/virtual/block/vdb/vdb1"));
        File.WriteAllText(Path.Combine(part.FullName, "partition"), "1\n");
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "sys/dev/block/254:1"), part.FullName);
    }

    [Theory]
    [InlineData("/var/lib/libvirt/images/a.qcow2", "vda", "mq-deadline", false)]
    [InlineData("/mnt/fast disk/a.qcow2", "loop0", "bfq", true)]
    [InlineData("/data/vm/a.qcow2", "vdb", "mq-deadline", false)]
    public void Probe_ImageOnABlockDevice_FindsTheWholeDiskAndItsActiveScheduler(string image, string device, string scheduler, bool honours)
    {
        var found = Probe().Probe(image);

        Assert.Equal((device, scheduler, honours), (found.Device, found.Scheduler, found.HonoursWeight));
        Assert.Null(found.Reason);
    }

    [Fact]
    public void Probe_ImageOnTmpfs_SaysItHasNoBlockDevice()
    {
        var found = Probe().Probe("/tmp/vmig-realvm/guests/g.qcow2");

        Assert.False(found.HonoursWeight);
        Assert.Null(found.Device);
        Assert.Contains("tmpfs", found.Reason, StringComparison.Ordinal);
        Assert.Contains("no block device", found.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_DiskThatIsABlockDevice_ReadsThatDevicesScheduler()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "sys/class/block"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "sys/class/block/loop0"), Path.Combine(_root.FullName, "sys/devices/virtual/block/loop0"));

        var found = Probe().Probe("/dev/loop0");

        Assert.Equal(("loop0", "bfq"), (found.Device, found.Scheduler));
    }

    [Fact]
    public void Probe_ThisMachinesRoot_ReadsARealScheduler()
    {
        var found = new BlockSchedulerProbe().Probe(typeof(BlockSchedulerProbeTests).Assembly.Location);

        // Whatever the disk, the answer is either a scheduler of a device or a reason.
        Assert.True(found.Scheduler is not null || found.Reason is not null, $"{found}");
    }

    public void Dispose() => _root.Delete(recursive: true);

    private BlockSchedulerProbe Probe() => new(Path.Combine(_root.FullName, "proc"), Path.Combine(_root.FullName, "sys"));

    private void Device(string majorMinor, string name, string scheduler)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root.FullName, "sys/devices/virtual/block", name, "queue"));
        File.WriteAllText(Path.Combine(dir.FullName, "scheduler"), scheduler);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "sys/dev/block"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "sys/dev/block", majorMinor), dir.Parent!.FullName);
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
