using System.Globalization;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// The system-call observer's one <c>guest-exec</c> of <c>/bin/sh</c> per poll (Linux guests with
/// strace). Rule: the guest keeps one directory per observer session under <see cref="Directory"/>;
/// each poll (1) stops the tracers of any other session (a previous activation of the VMI's grain, a
/// silo that crashed) and removes their files, (2) starts <c>strace -f</c> on each process of the
/// traced applications that nobody traces yet (its children are followed, so a shell a web server
/// starts is seen), at most <see cref="MaxTracers"/>, (3) prints what each tracer appended to its log
/// since the last poll — at most <see cref="MaxBytesPerTracer"/> per tracer; the rest of a flood is
/// skipped and counted — and cuts a log past <see cref="LogCutBytes"/>, so the guest holds at most
/// one interval of a tracer's output beyond that. A watchdog per session stops its tracers and removes
/// its directory when polls stop for three watchdog periods (the VMI detached while its silo was down).
/// <see cref="LinuxStopCommand"/> stops every session at once. Names and calls are arguments, never spliced
/// into the script. Output lines: <c>s PID APP</c> (tracer started), <c>f PID APP ERROR</c> (it could
/// not attach), <c>@ PID APP</c> then strace's lines, <c>k PID APP BYTES</c> (skipped),
/// <c>m PID APP</c> (not traced: tracer limit), <c>x SESSION</c> (a stale session removed).
/// </summary>
public static class SyscallTracing
{
    /// <summary>Where the guest keeps the sessions (tmpfs on most distributions).</summary>
    public const string Directory = "/run/vmigrains-syscalls";

    /// <summary>Most tracers one session runs (each costs the guest a ptrace stop per system call of its process tree).</summary>
    public const int MaxTracers = 16;

    /// <summary>Most log bytes one poll reads per tracer.</summary>
    public const int MaxBytesPerTracer = 32 * 1024;

    /// <summary>A log is emptied once this much has been read from it.</summary>
    public const int LogCutBytes = 256 * 1024;

    /// <summary>How long strace prints a string argument (beyond it: <c>"..."...</c>).</summary>
    public const int StringLength = 128;

    /// <summary>The marker in the script's argument list (its <c>$0</c>): the guest's processes of the observer show it.</summary>
    public const string ProcessMarker = "vmigrains-trace";

    // vmig_is PID NAME: the process PID is (still) NAME — a pid in a file may have been reused by another process.
    // vmig_kill DIR: stops the session's tracers (also any whose pid file a concurrent script had not written yet:
    // found by their -o path in DIR), its watchdog and the watchdog's sleep, any other process of the session's
    // scripts (found by the marker and the session id in their arguments: a watchdog whose pid file was overwritten,
    // a poll still running), never the shell running it, and removes DIR.
    // It waits (2 s at most) for the tracers to exit: strace detaches from its tracees before it ends.
    // /proc/PID/cmdline is searched with regular expressions (the patterns are letters, digits, '-' and '/'), never
    // grep -F: busybox's fixed-string search stops at the first NUL, so it sees argv[0] only and found no watchdog.
    private const string KillSession =
        "vmig_is() { IFS= read -r _n 2>/dev/null < \"/proc/$1/comm\" && [ \"$_n\" = \"$2\" ]; }; "
        + "vmig_kill() { _k=; for t in \"$1\"/*.t; do [ -f \"$t\" ] && read -r s _ < \"$t\" && [ \"$s\" != - ] && vmig_is \"$s\" strace && kill \"$s\" 2>/dev/null && _k=\"$_k $s\"; done; "
        + "for c in $(grep -l -e \"$1/\" /proc/[0-9]*/cmdline 2>/dev/null); do c=${c#/proc/}; c=${c%/cmdline}; vmig_is \"$c\" strace && kill \"$c\" 2>/dev/null && _k=\"$_k $c\"; done; "
        + "for _w in 1 2 3 4 5 6 7 8 9 10; do _a=; for c in $_k; do vmig_is \"$c\" strace && _a=1; done; [ -z \"$_a\" ] && break; sleep 0.2; done; "
        + "[ -f \"$1/wd\" ] && w=$(cat \"$1/wd\") && grep -q -e " + ProcessMarker + " \"/proc/$w/cmdline\" 2>/dev/null && kill \"$w\" 2>/dev/null; "
        + "[ -f \"$1/sl\" ] && w=$(cat \"$1/sl\") && vmig_is \"$w\" sleep && kill \"$w\" 2>/dev/null; "
        + "read -r _me _ < /proc/self/stat; for c in $(grep -l -e \"${1##*/}\" /proc/[0-9]*/cmdline 2>/dev/null); do c=${c#/proc/}; c=${c%/cmdline}; "
        + "[ \"$c\" != \"$_me\" ] && [ \"$c\" != \"$$\" ] && grep -q -e " + ProcessMarker + " \"/proc/$c/cmdline\" 2>/dev/null && kill \"$c\" 2>/dev/null; done; rm -rf \"$1\"; }; ";

    /// <summary>$1 session, $2 bytes per tracer, $3 cut size, $4 calls (comma-separated), $5 watchdog period (s), $6 string length, $7 most tracers; $8… the entries.</summary>
    internal const string Script =
        ProcessListing.MatchFunction
        + KillSession
        + "umask 077; sid=$1; max=$2; cut=$3; calls=$4; wd=$5; slen=$6; most=$7; shift 7; "
        + "base=" + Directory + "; d=$base/$sid; "
        + "command -v strace >/dev/null 2>&1 || { echo 'strace is not installed in the guest (or not on PATH)' >&2; exit 3; }; "
        + "for o in \"$base\"/*; do [ -d \"$o\" ] && [ \"$o\" != \"$d\" ] || continue; vmig_kill \"$o\"; echo \"x ${o##*/}\"; done; "
        + "mkdir -p \"$d\" || exit 4; "
        + "n=$(cat \"$d/beat\" 2>/dev/null) || n=0; echo $((n+1)) > \"$d/beat\" || exit 4; "
        // The watchdog: a subshell whose sleep's pid is kept too, so stopping the session leaves no process behind.
        + "if ! { [ -f \"$d/wd\" ] && kill -0 \"$(cat \"$d/wd\")\" 2>/dev/null; }; then "
        + "( last=; miss=0; while :; do sleep \"$wd\" & echo $! > \"$d/sl\"; wait $!; b=$(cat \"$d/beat\" 2>/dev/null) || exit 0; "
        + "if [ \"$b\" = \"$last\" ]; then miss=$((miss+1)); [ $miss -ge 3 ] && { rm -f \"$d/wd\" \"$d/sl\"; vmig_kill \"$d\"; exit 0; }; else miss=0; last=$b; fi; done ) </dev/null >/dev/null 2>&1 & "
        // If the session was stopped meanwhile (its directory is gone), the watchdog just started is stopped again.
        + "w=$!; echo $w > \"$d/wd\" || { kill $w 2>/dev/null; exit 4; }; fi; "
        // New processes of the traced applications: one strace -f each, unless something traces them already.
        + "new=; nt=0; for t in \"$d\"/*.t; do [ -f \"$t\" ] && read -r s _ < \"$t\" && [ \"$s\" != - ] && nt=$((nt+1)); done; "
        + "for p in /proc/[0-9]*; do vmig_match \"$p\" \"$@\" || continue; P=${p#/proc/}; [ -f \"$d/$P.t\" ] && continue; "
        + "tr=; while read -r k v _; do [ \"$k\" = TracerPid: ] && { tr=$v; break; }; done < \"$p/status\" 2>/dev/null; [ \"$tr\" = 0 ] || continue; "
        + "[ $nt -ge \"$most\" ] && { [ -f \"$d/$P.m\" ] || { : > \"$d/$P.m\"; echo \"m $P $hit\"; }; continue; }; nt=$((nt+1)); "
        + "strace -f -qq -ttt -A -s \"$slen\" -e trace=\"$calls\" -e signal=none -p \"$P\" -o \"$d/$P.log\" </dev/null >/dev/null 2>\"$d/$P.err\" & "
        + "echo \"$! $hit\" > \"$d/$P.t\"; echo \"s $P $hit\"; new=\"$new $P \"; done; "
        // What each tracer wrote since the last poll. A last line without its newline is a call still running
        // (strace writes "connect(3, ..." when it starts): it waits for the next poll, unless it alone fills a read.
        + "for t in \"$d\"/*.t; do [ -f \"$t\" ] || continue; P=${t##*/}; P=${P%.t}; read -r s i < \"$t\"; "
        + "[ \"$s\" = - ] && { [ -d \"/proc/$P\" ] || rm -f \"$t\"; continue; }; l=$d/$P.log; "
        // One started by this poll may not have become strace yet (fork before exec): it is read from the next poll on.
        + "case \"$new\" in *\" $P \"*) continue ;; esac; "
        + "alive=0; vmig_is \"$s\" strace && alive=1; "
        + "off=$(cat \"$d/$P.off\" 2>/dev/null) || off=0; size=$(wc -c < \"$l\" 2>/dev/null) || size=0; rest=0; "
        + "if [ \"$size\" -gt \"$off\" ]; then tail -c +$((off+1)) \"$l\" | head -c \"$max\" > \"$d/chunk\"; got=$(wc -c < \"$d/chunk\"); "
        + "full=0; [ \"$got\" -ge \"$max\" ] && full=1; "
        + "[ -n \"$(tail -c 1 \"$d/chunk\")\" ] && got=$((got - $(tail -n 1 \"$d/chunk\" | wc -c))); "
        + "[ \"$got\" -gt 0 ] && { echo \"@ $P $i\"; head -c \"$got\" \"$d/chunk\"; : > \"$d/$P.seen\"; }; off=$((off+got)); rest=$((size-off)); "
        // A flood (more than one read holds) is skipped; a log past the cut size is emptied (a call still running is lost with it, counted).
        + "if { [ $full = 1 ] && [ \"$rest\" -ge \"$max\" ]; } || { [ $full = 1 ] && [ \"$got\" -eq 0 ]; } || [ \"$off\" -ge \"$cut\" ]; then "
        + "[ \"$rest\" -gt 0 ] && echo \"k $P $i $rest\"; : > \"$l\"; off=0; rest=0; fi; "
        + "echo \"$off\" > \"$d/$P.off\"; fi; "
        // A tracer that ended is removed once its log is read; one that never wrote and left an error could not attach (not retried).
        + "if [ $alive = 0 ] && [ \"$rest\" -lt \"$max\" ]; then e=$(head -c 200 \"$d/$P.err\" 2>/dev/null | tr '\\n' ' '); "
        + "if [ -d \"/proc/$P\" ] && [ ! -f \"$d/$P.seen\" ] && [ -n \"$e\" ]; then echo \"f $P $i $e\"; echo \"- $i\" > \"$t\"; else rm -f \"$t\"; fi; "
        + "rm -f \"$l\" \"$d/$P.off\" \"$d/$P.err\" \"$d/$P.seen\"; fi; "
        + "done; rm -f \"$d/chunk\"; exit 0";

    /// <summary>Stops every session's tracers and watchdog and removes their files.</summary>
    internal const string StopScript =
        KillSession + "for o in " + Directory + "/*; do [ -d \"$o\" ] && vmig_kill \"$o\" && echo \"x ${o##*/}\"; done; rmdir " + Directory + " 2>/dev/null; exit 0";

    /// <summary>The poll of session <paramref name="session"/> tracing <paramref name="calls"/> of <paramref name="apps"/>; its watchdog checks every <paramref name="watchdogPeriod"/>.</summary>
    public static GuestCommand LinuxCommand(string session, IReadOnlyList<string> apps, IReadOnlyList<string> calls, TimeSpan watchdogPeriod)
    {
        ArgumentException.ThrowIfNullOrEmpty(session);
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(calls);
        if (session.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new ArgumentException($"session \"{session}\" must be letters and digits (it is a directory name in the guest)", nameof(session));
        }

        var args = new List<string>
        {
            "-c", Script, ProcessMarker, session,
            Invariant(MaxBytesPerTracer), Invariant(LogCutBytes), string.Join(',', calls),
            Invariant((long)Math.Ceiling(watchdogPeriod.TotalSeconds)), Invariant(StringLength), Invariant(MaxTracers),
        };
        args.AddRange(ProcessListing.Entries(apps));
        return new GuestCommand(LinuxCommandBuilder.Shell, args);
    }

    /// <summary>The command that stops all tracing in the guest.</summary>
    public static GuestCommand LinuxStopCommand() => new(LinuxCommandBuilder.Shell, ["-c", StopScript, ProcessMarker]);

    /// <summary>Reads one poll's output; lines of another shape are skipped.</summary>
    public static SyscallTrace Parse(string stdout, IReadOnlyList<string> apps)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(apps);
        var records = new List<SyscallRecord>();
        var notes = new List<TracerNote>();
        string? app = null;
        long root = 0;
        foreach (var raw in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 2 && line[1] == ' ' && line[0] is 's' or 'f' or '@' or 'k' or 'm')
            {
                var parts = line[2..].Split(' ', 3);
                if (parts.Length < 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= apps.Count)
                {
                    app = null;
                    continue;
                }

                (app, root) = (apps[index], pid);
                var detail = parts.Length > 2 ? parts[2].Trim() : null;
                switch (line[0])
                {
                    case 's': notes.Add(new TracerNote(TracerNoteKind.Started, app, pid, null)); break;
                    case 'f': notes.Add(new TracerNote(TracerNoteKind.Failed, app, pid, detail)); break;
                    case 'm': notes.Add(new TracerNote(TracerNoteKind.LimitReached, app, pid, null)); break;
                    case 'k': notes.Add(new TracerNote(TracerNoteKind.Skipped, app, pid, detail)); break;
                }

                continue;
            }

            if (app is not null && StraceLine.TryParse(line, out var call))
            {
                records.Add(call with { App = app, TracedPid = root });
            }
        }

        return new SyscallTrace(records, notes);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
