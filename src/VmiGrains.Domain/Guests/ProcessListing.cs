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

    /// <summary>
    /// A shell function: <c>vmig_match /proc/PID ENTRY…</c> succeeds when the process matches an entry and
    /// leaves the entry's index in <c>hit</c> (shared with <see cref="SyscallTracing"/>; its own variables start with <c>_</c>).
    /// </summary>
    internal const string MatchFunction =
        "vmig_match() { _d=$1; shift; "
        + "IFS= read -r _c < \"$_d/comm\" 2>/dev/null || return 1; "
        + "_e=; _i=0; hit=; "
        + "for _a in \"$@\"; do "
        + "case \"$_a\" in /*) [ -n \"$_e\" ] || _e=$(readlink \"$_d/exe\" 2>/dev/null) || _e=-; [ \"$_e\" = \"$_a\" ] && hit=$_i ;; "
        + "*) [ \"$_c\" = \"$_a\" ] && hit=$_i ;; esac; "
        + "[ -n \"$hit\" ] && return 0; _i=$((_i+1)); done; return 1; }; ";

    /// <summary>$1 = the most lines; $2… = the entries (bare names already cut to 15 characters).</summary>
    internal const string Script =
        MatchFunction
        + "max=$1; shift; n=0; "
        + "for p in /proc/[0-9]*; do "
        + "vmig_match \"$p\" \"$@\" || continue; "
        + "uid=; while read -r k v _; do [ \"$k\" = Uid: ] && { uid=$v; break; }; done < \"$p/status\" 2>/dev/null; "
        + "[ -n \"$uid\" ] || continue; "
        + "user=$uid; while IFS=: read -r nm _ id _; do [ \"$id\" = \"$uid\" ] && { user=$nm; break; }; done < /etc/passwd 2>/dev/null; "
        + "[ $n -ge \"$max\" ] && { echo +; exit 0; }; "
        + "echo \"${p#/proc/} $uid $user $hit\"; n=$((n+1)); "
        + "done; exit 0";

    /// <summary>The entries as the script takes them: bare names cut to the kernel's 15 characters of <c>comm</c>.</summary>
    internal static IEnumerable<string> Entries(IReadOnlyList<string> apps) =>
        apps.Select(a => a.StartsWith('/') || a.Length <= CommLength ? a : a[..CommLength]);

    /// <summary>The command for a Linux guest listing the processes of <paramref name="apps"/>.</summary>
    public static GuestCommand LinuxCommand(IReadOnlyList<string> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var args = new List<string> { "-c", Script, "vmigrains-observe", MaxProcesses.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(Entries(apps));
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
