using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Completion;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Labels;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi vm list|show|attach|detach|feedback|replay|decisions|events|executions|rules enable</c>.</summary>
internal static partial class VmCommands
{
    public static Command Create()
    {
        var vm = new Command("vm", "Virtual machine instances: profiles, allocations, telemetry and the decision log.");
        foreach (var verb in new[] { List(), Show(), Attach(), Detach(), Feedback(), Replay(), Decisions(), Events(), Executions(), Rules() })
        {
            vm.Subcommands.Add(verb);
        }

        return vm;
    }

    private static Command List()
    {
        var host = new Option<string?>("--host") { Description = "Only VMIs on this host" }.WithHostNames();
        var profile = new Option<string?>("--profile") { Description = "Only VMIs using this profile" }.WithProfileIds();
        var selector = new Option<string?>("--selector", "-l") { Description = "Only VMIs whose labels match: key=value, key!=value, key, !key, comma-separated", HelpName = "SELECTOR" };
        var command = new Command("list", "List VMIs with their host, profile and labels.") { host, profile, selector };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var labels = LabelSelector.Parse(result.GetValue(selector), "--selector");
            var vmis = (await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(result.GetValue(host), result.GetValue(profile)))
                .Where(v => labels.Matches(v.Labels)).ToList();
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, vmis);
            }
            else
            {
                Table.Write(io.Output, ["NAME", "HOST", "PROFILE", "VERSION", "LABELS", "UUID"],
                    vmis.Select(v => new[] { v.Name, v.Host, v.ProfileId, v.ProfileVersion?.ToString(CultureInfo.InvariantCulture), LabelText(v.Labels), v.VmiId }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Labels as <c>key=value,…</c> in key order; null (shown as -) when there are none.</summary>
    private static string? LabelText(IReadOnlyDictionary<string, string>? labels) =>
        labels is null or { Count: 0 } ? null : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static Command Show()
    {
        var vmi = Args.Vmi();
        var command = new Command("show", "Profile and version, allocation, telemetry windows, overrides and undo records of a VMI.") { vmi };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var view = await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).GetAsync();
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, view);
            }
            else
            {
                WriteView(io.Output, view);
                if (view.HostAvailable && view.Gone is null)
                {
                    WriteCounters(io.Output, view.Host, await NetworkCountersAsync(client, view));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The VMI's nftables counters on its host; a host that does not answer leaves them out, saying why.</summary>
    private static async Task<(IReadOnlyList<NetworkRuleCounter> Counters, string? Missing)> NetworkCountersAsync(IClusterClient client, VmiView view)
    {
        try
        {
            return (await client.GetGrain<IHypervisorGrain>(view.Host).GetNetworkCountersAsync(view.VmiId), null);
        }
        catch (Exception ex) when (ex is HypervisorUnavailableException or TimeoutException)
        {
            return ([], ex.Message);
        }
    }

    private static Command Attach()
    {
        var vmi = Args.Vmi();
        var profile = Args.Profile();
        var version = new Option<int?>("--version") { Description = "A specific profile version (default: the latest)" };
        var command = new Command("attach", "Apply a profile to a VMI (idempotent).\n\nExample:\n  vmi vm attach web-01 ux-personalization") { vmi, profile, version };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var grain = await Args.ResolveVmiAsync(client, result.GetValue(vmi)!);
            var applied = await grain.ApplyProfileAsync(result.GetValue(profile)!, result.GetValue(version));
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, applied);
            }
            else
            {
                await io.Output.WriteLineAsync(applied.Changed
                    ? $"{result.GetValue(vmi)}: {applied.ProfileId} v{applied.Version} attached{(applied.Allocation is { } a ? $"; {Describe(a)}" : string.Empty)}"
                    : $"{result.GetValue(vmi)}: already on {applied.ProfileId} v{applied.Version}; nothing changed");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Detach()
    {
        var vmi = Args.Vmi();
        var command = new Command("detach", "Remove a VMI's profile, undoing its temporary changes.") { vmi };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).DetachAsync();
            await io.Output.WriteLineAsync($"{result.GetValue(vmi)}: detached");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rules()
    {
        var vmi = Args.Vmi();
        var rule = new Argument<string?>("RULE") { Description = "The rule to enable; all disabled rules when omitted", Arity = ArgumentArity.ZeroOrOne };
        var enable = new Command("enable", "Enable again the rules disabled on a VMI after repeated failures (vmi vm show lists them as DISABLED).\n\nExample:\n  vmi vm rules enable web-01 render_burst") { vmi, rule };
        ClusterAction.Set(enable, async (result, client, io) =>
        {
            var names = await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).EnableRulesAsync(result.GetValue(rule));
            await io.Output.WriteLineAsync(names.Count == 0 ? $"{result.GetValue(vmi)}: no rule was disabled" : $"{result.GetValue(vmi)}: enabled {string.Join(", ", names)}");
            return ExitCodes.Ok;
        });
        return new Command("rules", "A VMI's rules: enable rules disabled after failures.") { enable };
    }

    private static Command Decisions()
    {
        var vmi = Args.Vmi();
        var since = new Option<string?>("--since") { Description = "Only decisions in this recent period, e.g. 10m, 2h", HelpName = "DURATION" };
        var command = new Command("decisions", "The 'why' log: every change made to a VMI, with the rule or request behind it.\n\nExample:\n  vmi vm decisions render-01 --since 1h") { vmi, since };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            DateTimeOffset? from = null;
            if (result.GetValue(since) is { } text)
            {
                if (!DurationFormat.TryParse(text, out var period) || period <= TimeSpan.Zero)
                {
                    throw new InvalidRequestException(new ValidationError("--since", "must be a duration such as 30s, 10m or 2h", $"\"{text}\"", "write e.g. --since 1h"));
                }

                from = DurationFormat.Before(DateTimeOffset.UtcNow, period);
            }

            var decisions = await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).GetDecisionsAsync(from);
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, decisions);
            }
            else
            {
                Table.Write(io.Output, ["TIME", "KIND", "WHAT", "WHY", "CALLER", "BEFORE → AFTER"],
                    decisions.Select(d => new[] { d.Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture), d.Kind, d.What, d.Reason, d.Caller ?? "-", d.Before is null && d.After is null ? "-" : $"{d.Before ?? "-"} → {d.After ?? "-"}" }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
