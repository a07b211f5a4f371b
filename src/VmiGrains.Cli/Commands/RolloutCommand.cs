using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi rollout PROFILE [--to-version N] [--batch PERCENT]</c>: moves every VMI that uses a profile to
/// one version, batch by batch. A batch with errors pauses the rollout; running the same command
/// again resumes it (VMIs already on the version are left alone), and <c>--to-version</c> with the
/// old version rolls it back the same way.
/// </summary>
internal static class RolloutCommand
{
    private const int Parallelism = 64;

    public static Command Create()
    {
        var profile = Args.Profile();
        var version = new Option<int?>("--to-version") { Description = "Target version (default: the latest); an older one rolls back" };
        var batch = new Option<int>("--batch") { Description = "Percent of the VMIs per batch (1-100)", DefaultValueFactory = _ => 10, HelpName = "PERCENT" };
        var command = new Command("rollout", "Move every VMI using a profile to a version, in batches, pausing on errors.\n\n"
            + "Examples:\n  vmi rollout ux-personalization                 # to the latest version, 10 % at a time\n"
            + "  vmi rollout ux-personalization --to-version 1  # roll back\n\n"
            + "Exit codes: 0 done, 1 paused because a batch had errors (run it again to resume), 2 invalid input.")
        {
            profile, version, batch,
        };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var percent = result.GetValue(batch);
            if (percent is < 1 or > 100)
            {
                throw new InvalidRequestException(new ValidationError("--batch", "must be a percentage from 1 to 100", percent.ToString(CultureInfo.InvariantCulture), "e.g. --batch 10"));
            }

            var id = result.GetValue(profile)!;
            var target = (await client.GetGrain<IProfileGrain>(id).GetAsync(result.GetValue(version))).Version;
            // Host by host: a host commits the profile changes that reach it together in one re-plan,
            // so VMIs of one host in flight at once cost far less than the same VMIs spread over every host.
            var vmis = (await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(profileId: id))
                .OrderBy(v => v.Host, StringComparer.Ordinal).ThenBy(v => v.VmiId, StringComparer.Ordinal).Select(v => v.VmiId).ToList();
            var size = Math.Max(1, (int)Math.Ceiling(vmis.Count * percent / 100.0));
            var progress = new ProgressLine(io.Error, vmis.Count, $"{id} → v{target}");
            int changed = 0, done = 0;
            var errors = new List<string>();
            foreach (var chunk in vmis.Chunk(size))
            {
                await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (vmi, _) =>
                {
                    try
                    {
                        if ((await client.GetGrain<IVmiGrain>(vmi).ApplyProfileAsync(id, target)).Changed)
                        {
                            Interlocked.Increment(ref changed);
                        }
                    }
                    catch (Exception ex) when (ex is InvalidRequestException or HypervisorUnavailableException or TimeoutException or OrleansException)
                    {
                        lock (errors)
                        {
                            errors.Add($"{vmi}: {ex.Message}");
                        }
                    }

                    progress.Report(Interlocked.Increment(ref done));
                });
                if (errors.Count > 0)
                {
                    break;
                }
            }

            progress.Finish();
            foreach (var error in errors.Take(20))
            {
                await io.Error.WriteLineAsync($"vmi: {error}");
            }

            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, new { profile = id, version = target, vmis = vmis.Count, processed = done, changed, paused = errors.Count > 0, errors });
            }
            else
            {
                await io.Output.WriteLineAsync(errors.Count > 0
                    ? $"{id}: rollout to v{target} PAUSED after {done} of {vmis.Count} VMIs ({errors.Count} error(s)); fix them and run the same command again to resume"
                    : $"{id}: {vmis.Count} VMI(s) on v{target} ({changed} changed, {vmis.Count - changed} already there)");
            }

            return errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }
}
