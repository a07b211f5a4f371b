using System.Diagnostics;
using System.Globalization;

namespace VmiGrains.Testing;

/// <summary>
/// A "guest": a real <c>qemu-ga -m unix-listen</c> running inside its own network namespace
/// (<c>ip netns add vmig-ga-…</c>), with its socket, state and pid files in a temporary directory.
/// Fails (never skips) when qemu-ga or ip is missing. Disposing kills the agent, deletes the
/// namespace and the directory, also after a failed test.
/// </summary>
public sealed class QemuGuestAgentGuest : IAsyncDisposable
{
    public const string QemuGa = "/usr/sbin/qemu-ga";
    public const string Ip = "/usr/sbin/ip";

    private readonly string[] _blockedRpcs;
    private Process? _agent;

    private QemuGuestAgentGuest(string[] blockedRpcs)
    {
        _blockedRpcs = blockedRpcs;
        Namespace = $"vmig-ga-{Guid.NewGuid().ToString("N")[..10]}";
        Directory = System.IO.Directory.CreateTempSubdirectory("vmig-ga-").FullName;
    }

    /// <summary>The network namespace name.</summary>
    public string Namespace { get; }

    /// <summary>The temporary directory holding socket, state, pid and log files.</summary>
    public string Directory { get; }

    /// <summary>The agent's unix socket.</summary>
    public string SocketPath => Path.Combine(Directory, "qga.sock");

    /// <summary>Creates the namespace and starts qemu-ga in it; <paramref name="blockedRpcs"/> go to <c>-b</c>.</summary>
    public static async Task<QemuGuestAgentGuest> StartAsync(params string[] blockedRpcs)
    {
        foreach (var tool in new[] { QemuGa, Ip })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: the guest-agent tests need a real qemu-ga and iproute2; run scripts/bootstrap.sh (apt: qemu-guest-agent iproute2)");
            }
        }

        var guest = new QemuGuestAgentGuest(blockedRpcs);
        try
        {
            await RunAsync(Ip, "netns", "add", guest.Namespace);
            await guest.StartAgentAsync();
            return guest;
        }
        catch
        {
            await guest.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts qemu-ga (again) and waits until it listens on its socket.</summary>
    /// <remarks>
    /// The socket file appears at bind(), before qemu-ga calls listen(): a connect in between is refused
    /// ("nothing listens"), which made a test that connected right after the file appeared fail now and
    /// then. Ready is therefore the socket listed as listening in the agent's own <c>/proc/PID/net/unix</c>
    /// (its namespace's table). A probe connection would not do: qemu-ga's backlog is one, and a probe it
    /// has not yet hung up on changes what the next two clients see.
    /// </remarks>
    public async Task StartAgentAsync()
    {
        File.Delete(SocketPath);
        var args = new List<string>
        {
            "netns", "exec", Namespace, QemuGa, "-m", "unix-listen", "-p", SocketPath,
            "-t", Directory, "-f", Path.Combine(Directory, "qemu-ga.pid"), "-l", Path.Combine(Directory, "qemu-ga.log"),
        };
        if (_blockedRpcs.Length > 0)
        {
            args.AddRange(["-b", string.Join(',', _blockedRpcs)]);
        }

        var psi = new ProcessStartInfo(Ip) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        args.ForEach(psi.ArgumentList.Add);
        _agent = Process.Start(psi) ?? throw new InvalidOperationException("could not start qemu-ga");
        for (var i = 0; i < 500; i++)
        {
            if (_agent.HasExited)
            {
                throw new InvalidOperationException($"qemu-ga exited with {_agent.ExitCode}: {await ReadLogAsync()}");
            }

            if (await ListensAsync(_agent.Id, SocketPath))
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"qemu-ga did not listen on {SocketPath} within 5 s: {await ReadLogAsync()}");
    }

    /// <summary>Whether <paramref name="pid"/>'s network namespace has a listening unix socket bound to <paramref name="socketPath"/>.</summary>
    private static async Task<bool> ListensAsync(int pid, string socketPath)
    {
        const int AcceptConnections = 0x10000; // __SO_ACCEPTCON in the Flags column: listen() was called
        string table;
        try
        {
            table = await File.ReadAllTextAsync($"/proc/{pid}/net/unix");
        }
        catch (IOException)
        {
            return false;
        }

        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[7] == socketPath
                && (int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & AcceptConnections) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Kills qemu-ga with SIGKILL (processes it started keep running) and waits for it to end.</summary>
    public async Task KillAgentAsync()
    {
        if (_agent is { HasExited: false } agent)
        {
            agent.Kill();
            await agent.WaitForExitAsync();
        }

        _agent?.Dispose();
        _agent = null;
    }

    /// <summary>Starts <paramref name="program"/> inside the namespace, outside the agent (an app already running in the guest).</summary>
    public Process StartInGuest(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(Ip) { UseShellExecute = false };
        foreach (var arg in new[] { "netns", "exec", Namespace, program }.Concat(args))
        {
            psi.ArgumentList.Add(arg);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
    }

    /// <summary>Waits until process <paramref name="pid"/> runs <paramref name="comm"/> (wrappers exec the program after a moment).</summary>
    public static async Task WaitForCommAsync(long pid, string comm)
    {
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists($"/proc/{pid}/comm") && (await File.ReadAllTextAsync($"/proc/{pid}/comm")).Trim() == comm)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"pid {pid} did not become {comm}");
    }

    /// <summary>Field 19 (nice) of <c>/proc/PID/stat</c>.</summary>
    public static int NiceOf(long pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }

    /// <summary>The network namespace inode of a process, to prove it runs inside the guest's namespace.</summary>
    public static string NetNamespaceOf(long pid) => new FileInfo($"/proc/{pid}/ns/net").LinkTarget ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        await KillAgentAsync();
        // Kill what is left in the namespace (programs the tests started), then delete it.
        var pids = await RunAsync(Ip, "netns", "pids", Namespace).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : string.Empty, TaskScheduler.Default);
        foreach (var line in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var p = Process.GetProcessById(int.Parse(line, CultureInfo.InvariantCulture));
                p.Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        try
        {
            await RunAsync(Ip, "netns", "del", Namespace);
        }
        catch (InvalidOperationException)
        {
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<string> ReadLogAsync()
    {
        var log = Path.Combine(Directory, "qemu-ga.log");
        return File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(psi.ArgumentList.Add);
        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}");
    }
}
