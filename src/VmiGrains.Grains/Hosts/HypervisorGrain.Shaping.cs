using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// <c>shape_network</c> on the side that can do it. The tap's one qdisc tree of ours (handle
/// <c>766d:</c>) carries the rule's rate and loss and, when libvirt cannot, the allocation's bandwidth
/// (<see cref="TapShaping.Compose"/>). Delay and jitter need netem: on the tap when the host kernel has
/// it, else inside the guest through its agent. The host's record (<see cref="HostState.Shaping"/>) is
/// durable before any qdisc exists, so a crash never strands one: the reconciler re-applies or removes it.
/// </summary>
internal sealed partial class HypervisorGrain
{
    private static readonly TimeSpan GuestShapingTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The tc error that showed this host kernel has no netem (null: not seen); delay then goes to the guest at once.</summary>
    private string? _hostNetemMissing;

    private bool NetworkEnforced => network is not DisabledNetworkEnforcer;

    public async Task<ShapingResult> ShapeAsync(string vmiId, ShapingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Validate() is { Count: > 0 } errors)
        {
            return new ShapingResult(ShapingSide.Host, "nowhere", string.Join("; ", errors));
        }

        if (NotEnforcedHere(vmiId) is { } why)
        {
            return new ShapingResult(ShapingSide.Host, "nowhere", why);
        }

        ShapingResult result = null!;
        await ExclusiveAsync(async () =>
        {
            var previous = state.State.Shaping.GetValueOrDefault(vmiId);
            var side = spec.NeedsNetem && _hostNetemMissing is not null ? ShapingSide.Guest : ShapingSide.Host;
            await RecordShapingAsync(vmiId, new HostShapingRecord(spec, side));
            var tapProblem = await EnforceTapAsync(vmiId);
            if (side == ShapingSide.Host && spec.NeedsNetem && IsNetemMissing(tapProblem))
            {
                _hostNetemMissing = tapProblem;
                LogNetemMissing(HostName, tapProblem!);
                side = ShapingSide.Guest;
                await RecordShapingAsync(vmiId, new HostShapingRecord(spec, side));
                tapProblem = await EnforceTapAsync(vmiId);
            }

            if (side == ShapingSide.Host)
            {
                // A replaced shaping whose delay ran in the guest leaves nothing behind there.
                var leftInGuest = previous?.Side == ShapingSide.Guest ? await ClearGuestAsync(vmiId) : null;
                result = new ShapingResult(side, $"on the host: tc/nft on {string.Join(',', Taps(vmiId))}", Join(tapProblem, leftInGuest));
                return;
            }

            var guestProblem = await ShapeGuestAsync(vmiId, TapShaping.ForGuest(spec)!);
            result = new ShapingResult(side,
                $"delay/jitter inside the guest (tc netem through the agent; host kernel has no netem: {_hostNetemMissing}), rate/loss on the host's {string.Join(',', Taps(vmiId))}",
                Join(tapProblem, guestProblem));
        });
        return result;
    }

    public async Task<string?> ClearShapingAsync(string vmiId)
    {
        if (NotEnforcedHere(vmiId) is { } why)
        {
            return why;
        }

        string? problem = null;
        await ExclusiveAsync(async () =>
        {
            state.State.Shaping.Remove(vmiId, out var record);
            await state.WriteStateAsync();
            problem = await EnforceTapAsync(vmiId);
            if (record?.Side == ShapingSide.Guest)
            {
                problem = Join(problem, await ClearGuestAsync(vmiId));
            }
        });
        return problem;
    }

    /// <summary>Null when this host enforces the VMI's network, else why not (in the words the decision records).</summary>
    private string? NotEnforcedHere(string vmiId) =>
        !_domains.ContainsKey(vmiId) ? $"host {HostName} has no domain {vmiId}"
        : !hypervisors.IsLocal(HostName) ? $"validated only: host {HostName} is managed through libvirt from another machine; network policy and shaping need a silo on {HostName} itself"
        : !NetworkEnforced ? $"validated only: network enforcement is off on host {HostName} (set VmiGrains:Network:Enabled=true on its silo)"
        : null;

    public Task<string?> ReapplyInGuestAsync(string vmiId) =>
        state.State.Shaping.GetValueOrDefault(vmiId) is { Side: ShapingSide.Guest } record && TapShaping.ForGuest(record.Spec) is { } inGuest
            ? ShapeGuestAsync(vmiId, inGuest)
            : Task.FromResult<string?>(null);

    private async Task RecordShapingAsync(string vmiId, HostShapingRecord record)
    {
        state.State.Shaping[vmiId] = record;
        await state.WriteStateAsync();
    }

    /// <summary>Puts on the VMI's taps what its shaping and tc bandwidth need together (or removes ours when nothing); null when done.</summary>
    private Task<string?> EnforceTapAsync(string vmiId)
    {
        var record = state.State.Shaping.GetValueOrDefault(vmiId);
        var spec = TapShaping.Compose(record?.Spec, _tcBandwidthKbit.TryGetValue(vmiId, out var kbit) ? kbit : null, record?.Side ?? ShapingSide.Host);
        return EnforceAsync(vmiId, taps => spec is null ? network.ClearShapingAsync(vmiId, taps) : network.ShapeAsync(vmiId, taps, spec));
    }

    private async Task<string?> ShapeGuestAsync(string vmiId, ShapingSpec spec) =>
        await RunInGuestAsync(vmiId, mac => GuestShapingScript.Apply(mac, spec), "netem");

    private async Task<string?> ClearGuestAsync(string vmiId) =>
        await RunInGuestAsync(vmiId, GuestShapingScript.Remove, "netem removal");

    private async Task<string?> RunInGuestAsync(string vmiId, Func<string, string> script, string what)
    {
        var problems = new List<string>();
        foreach (var mac in _domains[vmiId].Interfaces.Select(i => i.Mac))
        {
            var request = new Domain.Guests.ExecRequest("/bin/sh", ["-c", script(mac)]) { Timeout = GuestShapingTimeout };
            var run = await agents.GetAgent(vmiId).RunAsync(request);
            var problem = !run.IsSuccess ? $"guest agent: {run.Error.Message}"
                : !run.Value.Succeeded ? $"exit {run.Value.ExitCode}{(run.Value.TimedOut ? " (timed out)" : string.Empty)}: {run.Value.StdErr.Trim()}"
                : null;
            if (problem is not null)
            {
                problems.Add($"guest {what} on {mac} failed: {problem}; the guest needs /sbin/tc (iproute2) and the sch_netem module");
                LogGuestShapingFailed(HostName, _domains[vmiId].Name, problems[^1]);
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private IReadOnlyList<string> Taps(string vmiId) =>
        _domains.TryGetValue(vmiId, out var d) ? [.. d.Interfaces.Select(i => i.TargetDevice).OfType<string>()] : [];

    /// <summary>The tc error of a kernel without netem (<see cref="TcRunner"/> names it; tc says "qdisc kind is unknown").</summary>
    private static bool IsNetemMissing(string? problem) =>
        problem is not null && problem.Contains("no netem qdisc", StringComparison.Ordinal);

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: this kernel has no netem ({Error}); delay and jitter of shape_network are applied inside the guests")]
    private partial void LogNetemMissing(string host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: shaping inside guest {Domain} failed: {Error}")]
    private partial void LogGuestShapingFailed(string host, string domain, string error);
}
