namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>
/// Finds the I/O scheduler of the block device a disk image lives on, on this machine. A blkio weight
/// (cgroup v1 <c>blkio.bfq.weight</c>, v2 <c>io.bfq.weight</c>) only acts on devices scheduled by bfq;
/// on any other scheduler it is written and read back but changes nothing.
/// Rule: the image's mount is the longest mount point of <c>/proc/self/mountinfo</c> that prefixes its
/// path; its <c>major:minor</c> leads to <c>/sys/dev/block/M:m</c> (a partition's queue is its parent's);
/// the scheduler is the bracketed word of <c>queue/scheduler</c>. A mount without a block device
/// (tmpfs, overlay, 0:N) has no scheduler. Roots are injectable so tests read a fixture tree.
/// </summary>
internal sealed class BlockSchedulerProbe(string procRoot = "/proc", string sysRoot = "/sys")
{
    /// <summary>The device and scheduler of <paramref name="imagePath"/>, or why it has none.</summary>
    public BlockScheduler Probe(string imagePath)
    {
        // A disk that is a block device itself (<source dev='/dev/sdb'/>) is scheduled by that device.
        if (imagePath.StartsWith("/dev/", StringComparison.Ordinal))
        {
            var node = new FileInfo(imagePath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? imagePath;
            return Scheduler(imagePath, Path.Combine(sysRoot, "class", "block", Path.GetFileName(node)));
        }

        var mount = FindMount(Path.GetFullPath(imagePath));
        if (mount is null)
        {
            return new BlockScheduler(null, null, $"{imagePath} is on no mount listed in {procRoot}/self/mountinfo");
        }

        var device = Path.Combine(sysRoot, "dev", "block", mount.Value.Device);
        return Directory.Exists(device)
            ? Scheduler(imagePath, device)
            : new BlockScheduler(null, null, $"{imagePath} is on {mount.Value.Source} ({mount.Value.FsType}, mounted at {mount.Value.MountPoint}), which has no block device");
    }

    private static BlockScheduler Scheduler(string imagePath, string device)
    {
        if (!Directory.Exists(device))
        {
            return new BlockScheduler(null, null, $"{imagePath}: no {device}");
        }

        var resolved = new DirectoryInfo(device).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device;
        var queue = File.Exists(Path.Combine(resolved, "partition")) ? Path.GetDirectoryName(resolved)! : resolved;
        var name = Path.GetFileName(queue);
        var file = Path.Combine(queue, "queue", "scheduler");
        if (!File.Exists(file))
        {
            return new BlockScheduler(name, null, $"{imagePath} is on {name}, which has no I/O scheduler ({file} is missing)");
        }

        var text = File.ReadAllText(file);
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = text.IndexOf(']', StringComparison.Ordinal);
        var scheduler = open >= 0 && close > open ? text[(open + 1)..close] : text.Trim();
        return new BlockScheduler(name, scheduler, null);
    }

    private (string Device, string MountPoint, string FsType, string Source)? FindMount(string path)
    {
        var file = Path.Combine(procRoot, "self", "mountinfo");
        if (!File.Exists(file))
        {
            return null;
        }

        (string, string, string, string)? best = null;
        var bestLength = -1;
        foreach (var line in File.ReadLines(file))
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || dash < 0 || dash + 2 >= fields.Length)
            {
                continue;
            }

            var mountPoint = Unescape(fields[4]);
            var under = mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);
            if (under && mountPoint.Length >= bestLength)
            {
                best = (fields[2], mountPoint, fields[dash + 1], fields[dash + 2]);
                bestLength = mountPoint.Length;
            }
        }

        return best;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var result = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                result.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                result.Append(field[i]);
            }
        }

        return result.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");

    private static bool IsOctal(ReadOnlySpan<char> digits) => digits.IndexOfAnyExcept(OctalDigits) < 0;
}
