using System.Globalization;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// One <c>guest-exec</c> of <c>/bin/sh</c> that lists the processes of the observed applications
/// (Linux only): for each <c>/proc/PID</c>, its <c>comm</c> is compared with the bare names (cut to the
/// kernel's 15 characters here, so the guest forks nothing for them) and, only when the profile lists
/// paths, its <c>exe</c> link with those. A match prints <c>PID UID USER INDEX</c>, INDEX being the
/// entry it matched; the uid comes from <c>/proc/PID/status</c>, the name from <c>/etc/passwd</c>, read
/// by the shell itself. At most <see cref="MaxProcesses"/> lines, then <c>+</c>: the output stays bounded.
/// Names are passed as arguments, never spliced into the script.
/// </summary>
public static class ProcessListing
{
    /// <summary>Most processes one poll reports.</summary>
    public const int MaxProcesses = 256;

    private const int CommLength = 15;

    /// <summary>$1 = the most lines; $2… = the entries (bare names already cut to 15 characters).</summary>
    internal const string Script =
        "max=$1; shift; n=0; "
        + "for d in /proc/[0-9]*; do "
        + "IFS= read -r comm < \"$d/comm\" 2>/dev/null || continue; "
        + "exe=; i=0; hit=; "
        + "for a in \"$@\"; do "
        + "case \"$a\" in /*) [ -n \"$exe\" ] || exe=$(readlink \"$d/exe\" 2>/dev/null) || exe=-; [ \"$exe\" = \"$a\" ] && hit=$i ;; "
        + "*) [ \"$comm\" = \"$a\" ] && hit=$i ;; esac; "
        + "[ -n \"$hit\" ] && break; i=$((i+1)); done; "
        + "[ -n \"$hit\" ] || continue; "
        + "uid=; while read -r k v _; do [ \"$k\" = Uid: ] && { uid=$v; break; }; done < \"$d/status\" 2>/dev/null; "
        + "[ -n \"$uid\" ] || continue; "
        + "user=$uid; while IFS=: read -r nm _ id _; do [ \"$id\" = \"$uid\" ] && { user=$nm; break; }; done < /etc/passwd 2>/dev/null; "
        + "[ $n -ge \"$max\" ] && { echo +; exit 0; }; "
        + "echo \"${d#/proc/} $uid $user $hit\"; n=$((n+1)); "
        + "done; exit 0";

    /// <summary>The command for a Linux guest listing the processes of <paramref name="apps"/>.</summary>
    public static GuestCommand LinuxCommand(IReadOnlyList<string> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var args = new List<string> { "-c", Script, "vmigrains-observe", MaxProcesses.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(apps.Select(a => a.StartsWith('/') || a.Length <= CommLength ? a : a[..CommLength]));
        return new GuestCommand(LinuxCommandBuilder.Shell, args);
    }

    /// <summary>Reads the script's output; lines of another shape are skipped (a process that ended mid-read).</summary>
    public static GuestProcessList Parse(string stdout, IReadOnlyList<string> apps)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(apps);
        var processes = new List<GuestProcess>();
        var truncated = false;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line == "+")
            {
                truncated = true;
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length == 4 && processes.Count < MaxProcesses
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < apps.Count)
            {
                processes.Add(new GuestProcess(pid, apps[index], uid, parts[2]));
            }
        }

        return new GuestProcessList(processes, truncated);
    }
}
