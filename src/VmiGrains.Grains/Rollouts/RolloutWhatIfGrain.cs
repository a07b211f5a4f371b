using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Grains.Profiles;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Rollouts;

/// <summary>
/// A rollout's what-if: checks and selects as <see cref="RolloutGrain"/> does, plans the waves, asks
/// each VMI to move what the target version's rules would do (at most
/// <see cref="RolloutOptions.WhatIfParallelism"/> at once) and counts with <see cref="WhatIfSummary"/>.
/// Stateless: it holds nothing, claims nothing and writes nothing.
/// </summary>
[StatelessWorker]
internal sealed partial class RolloutWhatIfGrain(IOptions<RolloutOptions> options, TimeProvider time, ILogger<RolloutWhatIfGrain> logger) : Grain, IRolloutWhatIfGrain
{
    public async Task<RolloutWhatIf> WhatIfAsync(RolloutRequest request)
    {
        var canary = RolloutInputs.Validate(request);
        var target = await RolloutInputs.TargetAsync(GrainFactory, request);
        var selection = await RolloutInputs.SelectAsync(GrainFactory, request, target.Version);
        var waves = RolloutPlan.Create(selection.Targets, canary, request.BatchPercent, request.Growth);
        var vmis = new RolloutWhatIfVmi[selection.Moving.Count];
        await BoundedParallel.ForEachAsync(Enumerable.Range(0, vmis.Length), options.Value.WhatIfParallelism, async i =>
        {
            var v = selection.Moving[i];
            try
            {
                vmis[i] = await GrainFactory.GetGrain<IVmiClusterGrain>(v.VmiId).WhatIfAsync(target.Document, target.Version);
            }
            catch (Exception ex) when (RolloutFailures.IsVmiFailure(ex))
            {
                vmis[i] = new RolloutWhatIfVmi { VmiId = v.VmiId, Name = v.Name, Host = v.Host, FromVersion = v.ProfileVersion, Unreadable = ex.Message };
            }
        });
        var listed = WhatIfSummary.Listed(vmis, RolloutWhatIf.MaxListed);
        var report = new RolloutWhatIf
        {
            Request = request,
            ToVersion = target.Version,
            FromVersions = selection.FromVersions,
            Selected = selection.Selected.Count,
            AlreadyOnTarget = selection.Selected.Count - selection.Moving.Count,
            Waves = [.. waves.Select(w => w.Count)],
            RunningRollout = await GrainFactory.GetGrain<IRolloutRegistryGrain>(GrainKeys.Default).RunningAsync(request.ProfileId),
            Totals = WhatIfSummary.Totals(vmis),
            Vmis = listed,
            Omitted = vmis.Length - listed.Count,
            At = time.GetUtcNow(),
        };
        LogWhatIf(request.ProfileId, target.Version, vmis.Length, report.Totals.SwitchProfile, report.Totals.RuleErrors);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "What-if of a rollout of {Profile} to v{Version}: {Vmis} VMI(s) replayed, {Switch} would switch profile, {Errors} would hit rule errors; nothing changed")]
    private partial void LogWhatIf(string profile, int version, int vmis, int @switch, int errors);
}
