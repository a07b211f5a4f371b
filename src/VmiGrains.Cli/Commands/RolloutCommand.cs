using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi rollout PROFILE [--to-version N] [--canary N|P%] [--batch PERCENT] [--soak DURATION] [--selector L] [--auto-rollback] [--detach|--dry-run]</c>:
/// a thin client of the cluster's rollout grain. The rollout runs in the cluster (canary, waves per
/// host, health gates); the CLI starts it and shows its progress until it is done, or returns at once
/// with <c>--detach</c>. <c>--dry-run</c> asks the cluster's what-if instead and starts nothing. Subcommands status, list, pause, resume, abort, rollback act on a rollout id.
/// </summary>
internal static class RolloutCommand
{
    public static Command Create()
    {
        var profile = Args.Profile();
        var version = new Option<int?>("--to-version") { Description = "Target version (default: the latest); an older one rolls back" };
        var canary = new Option<string?>("--canary") { Description = "Canary size: a number of VMIs or a percentage (default 1)", HelpName = "N|P%" };
        var batch = new Option<int>("--batch") { Description = "Percent of the VMIs in the first wave after the canary (1-100)", DefaultValueFactory = _ => 10, HelpName = "PERCENT" };
        var growth = new Option<int>("--growth") { Description = "Each next wave is this many times the previous one (1-10; 1 keeps waves equal)", DefaultValueFactory = _ => 2, HelpName = "FACTOR" };
        var soak = new Option<string?>("--soak") { Description = "How long each wave runs the new version before its health gate (0s-24h; default: the silo's VmiGrains:Rollout:SoakPeriod, 10s)", HelpName = "DURATION" };
        var autoRollback = new Option<bool>("--auto-rollback") { Description = "When a health gate fails, move the done waves back instead of pausing" };
        var hosts = new Option<string[]>("--host") { Description = "Only VMIs on this host (repeatable)", AllowMultipleArgumentsPerToken = false };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only VMIs whose labels match (from the domain's metadata): key=value, key!=value, key, !key, comma-separated", HelpName = "SELECTOR" };
        var detach = new Option<bool>("--detach") { Description = "Start it and return at once; follow with 'vmi rollout status ID'" };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Start nothing: replay each VMI the rollout would move (its recent windows and events) through the target version's rules "
                + "and report how many would switch profile, change weights, be shaped, run programs or hit rule errors",
        };
        var command = new Command("rollout", "Roll a profile version out to every VMI using it, in the cluster: a canary, then waves of growing size, host by host, "
            + "with a health gate (rule errors, disabled rules, rule-triggered switches, failed knobs, unavailable hosts, and the target version's rollout_gate metric condition) after each wave's soak.\n\n"
            + "Examples:\n  vmi rollout ux-personalization                              # to the latest version, canary of 1 VMI\n"
            + "  vmi rollout ux-personalization --canary 5% --auto-rollback  # go back by itself when a gate fails\n"
            + "  vmi rollout ux-personalization --soak 2m                    # watch each wave for 2 minutes before its gate\n"
            + "  vmi rollout ux-personalization -l tier=web,env!=prod        # only the VMIs labelled so\n"
            + "  vmi rollout ux-personalization --to-version 1 --detach      # roll back to v1, do not wait\n"
            + "  vmi rollout ux-personalization --to-version 3 --dry-run     # what v3's rules would do on each VMI; changes nothing\n"
            + "  vmi rollout status ux-personalization-20261202-070000-1a2b\n\n"
            + "Exit codes: 0 completed (or started, with --detach; or replayed, with --dry-run), 1 paused by a failed gate, aborted or rolled back, 2 invalid input.")
        {
            profile, version, canary, batch, growth, soak, autoRollback, hosts, selector, detach, dryRun,
        };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            if (result.GetValue(batch) is var percent and (< 1 or > 100))
            {
                throw new InvalidRequestException(new ValidationError("--batch", "must be a percentage from 1 to 100", percent.ToString(CultureInfo.InvariantCulture), "e.g. --batch 10"));
            }

            if (result.GetValue(growth) is var factor and (< 1 or > 10))
            {
                throw new InvalidRequestException(new ValidationError("--growth", "must be from 1 to 10", factor.ToString(CultureInfo.InvariantCulture), "2 doubles each wave; 1 keeps waves equal"));
            }

            if (result.GetValue(version) is { } v and < 1)
            {
                throw new InvalidRequestException(new ValidationError("--to-version", "must be a version number from 1", v.ToString(CultureInfo.InvariantCulture), "see 'vmi profile history PROFILE'; omit it for the latest"));
            }

            if (result.GetValue(dryRun) && result.GetValue(detach))
            {
                throw new InvalidRequestException(new ValidationError("--dry-run", "cannot be combined with --detach: a dry run starts no rollout to detach from", "--detach",
                    "drop --detach (the dry run returns when every VMI is replayed), or drop --dry-run to start the rollout"));
            }

            TimeSpan? soakPeriod = null;
            if (result.GetValue(soak) is { } soakText)
            {
                soakPeriod = DurationFormat.TryParse(soakText, out var parsed) && parsed <= TimeSpan.FromHours(24)
                    ? parsed
                    : throw new InvalidRequestException(new ValidationError("--soak", "must be a duration from 0s to 24h, such as 30s, 500ms or 5m", soakText, "e.g. --soak 30s; omit it for the silo's default"));
            }

            var request = new RolloutRequest
            {
                ProfileId = result.GetValue(profile)!,
                ToVersion = result.GetValue(version),
                Canary = result.GetValue(canary),
                BatchPercent = result.GetValue(batch),
                Growth = result.GetValue(growth),
                AutoRollback = result.GetValue(autoRollback),
                Hosts = result.GetValue(hosts) ?? [],
                Soak = soakPeriod,
                Selector = result.GetValue(selector),
            };
            if (result.GetValue(dryRun))
            {
                return RolloutWhatIfOutput.Write(result, io, await client.GetGrain<IRolloutWhatIfGrain>(GrainKeys.Default).WhatIfAsync(request));
            }

            var id = RolloutIds.New(request.ProfileId, DateTimeOffset.UtcNow);
            var view = await client.GetGrain<IRolloutGrain>(id).StartAsync(request);
            if (!result.GetValue(detach))
            {
                view = await RolloutProgress.FollowAsync(client.GetGrain<IRolloutGrain>(id), view, io.Error);
            }

            return RolloutOutput.Write(result, io, view);
        });
        command.Subcommands.Add(Status());
        command.Subcommands.Add(List());
        foreach (var (name, description, call) in Operations)
        {
            command.Subcommands.Add(Operation(name, description, call));
        }

        return command;
    }

    private static readonly (string Name, string Description, Func<IRolloutGrain, Task<RolloutView>> Call)[] Operations =
    [
        ("pause", "Pause a running rollout after the wave in progress (idempotent).", g => g.PauseAsync()),
        ("resume", "Resume a paused rollout, past a failed gate too (idempotent).", g => g.ResumeAsync()),
        ("abort", "Stop a rollout for good; VMIs stay on the version they are on (idempotent).", g => g.AbortAsync()),
        ("rollback", "Move every VMI the rollout switched back to its previous version (idempotent).", g => g.RollbackAsync()),
    ];

    private static Argument<string> RolloutId() => new("ID") { Description = "Rollout id (see 'vmi rollout list')" };

    private static Command Status()
    {
        var id = RolloutId();
        var watch = new Option<bool>("--watch") { Description = "Follow the rollout until it stops" };
        var command = new Command("status", "Progress per wave and host, gate evidence and decisions of a rollout.") { id, watch };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var grain = client.GetGrain<IRolloutGrain>(result.GetValue(id)!);
            var view = await grain.GetAsync();
            if (result.GetValue(watch))
            {
                view = await RolloutProgress.FollowAsync(grain, view, io.Error);
            }

            return RolloutOutput.Write(result, io, view, details: true);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The most recent rollouts, newest first.");
        ClusterAction.Set(command, async (result, client, io) =>
        {
            RolloutOutput.WriteList(result, io, await client.GetGrain<IRolloutCatalogGrain>(GrainKeys.Default).ListAsync());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Operation(string name, string description, Func<IRolloutGrain, Task<RolloutView>> call)
    {
        var id = RolloutId();
        var command = new Command(name, description) { id };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var grain = client.GetGrain<IRolloutGrain>(result.GetValue(id)!);
            _ = await grain.GetAsync(); // unknown ids are refused before anything changes
            RolloutOutput.Write(result, io, await call(grain));
            return ExitCodes.Ok;
        });
        return command;
    }
}
