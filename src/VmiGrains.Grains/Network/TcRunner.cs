using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>Reads and changes root qdiscs on taps through the tc binary; only qdiscs with our handle are removed.</summary>
internal sealed class TcRunner(HostCommandRunner runner)
{
    /// <summary>Root qdiscs of <paramref name="tap"/>, or of every device when null; empty when the device is gone.</summary>
    public async Task<IReadOnlyList<TcQdisc>> RootsAsync(string? tap, CancellationToken cancellationToken)
    {
        var result = await runner.TcAsync(TcCommands.Show(tap), cancellationToken);
        if (result.Succeeded)
        {
            return TcQdisc.ParseRoots(result.Stdout, tap);
        }

        if (tap is not null && result.Stderr.Contains("Cannot find device", StringComparison.Ordinal))
        {
            return [];
        }

        throw Failure(result);
    }

    /// <summary>Installs the qdisc; refuses when the tap's root qdisc belongs to someone else (e.g. libvirt's bandwidth htb).</summary>
    public async Task ReplaceAsync(string tap, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var roots = await RootsAsync(tap, cancellationToken);
        var foreign = roots.FirstOrDefault(q => !q.IsOurs && !TcQdisc.KernelDefaults.Contains(q.Kind));
        if (foreign is not null)
        {
            throw new NetworkEnforcementException($"tc qdisc show dev {tap}", 0,
                $"tap {tap} has a root qdisc VmiGrains does not own ({foreign.Kind} {foreign.Handle}, e.g. libvirt <bandwidth>); " +
                "refusing to replace it: remove the interface's bandwidth limit or drop delay/jitter/rate from shape_network");
        }

        // The kernel changes a qdisc in place only to the same kind ("Invalid qdisc name: must match
        // existing qdisc" otherwise): going from tbf to netem or back removes ours first.
        if (roots.FirstOrDefault(q => q.IsOurs) is { } ours && args.Count > 7 && ours.Kind != args[7])
        {
            await DeleteOursAsync(tap, cancellationToken);
        }

        var result = await runner.TcAsync(args, cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure(result);
        }
    }

    /// <summary>Removes our root qdisc from <paramref name="tap"/> if it has one; true when something was removed.</summary>
    public async Task<bool> DeleteOursAsync(string tap, CancellationToken cancellationToken)
    {
        if (!(await RootsAsync(tap, cancellationToken)).Any(q => q.IsOurs))
        {
            return false;
        }

        var result = await runner.TcAsync(TcCommands.Delete(tap), cancellationToken);
        return result.Succeeded ? true : throw Failure(result);
    }

    private static NetworkEnforcementException Failure(CommandResult result)
    {
        var fix = result.Stderr.Contains("qdisc kind is unknown", StringComparison.Ordinal)
            ? "this kernel has no netem qdisc (CONFIG_NET_SCH_NETEM / module sch_netem): delay and jitter cannot be simulated here; load sch_netem, or shape with loss and rate only"
            : "check the interface exists and tc works on this host";
        return new NetworkEnforcementException(result.CommandLine, result.ExitCode,
            $"{result.CommandLine} failed (exit {result.ExitCode}): {result.ErrorText}; {fix}");
    }
}
