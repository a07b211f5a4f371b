using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Grains.Hosts;
using VmiGrains.Grains.Profiles;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Rollouts;

/// <summary>
/// The steps: one wave applied, one gate evaluated, or one wave rolled back per timer turn. Each step
/// writes its progress before it returns, so a re-activation after a crash continues with the step that
/// was in flight; switching a VMI to a version it is on changes nothing, so repeating a step is safe.
/// </summary>
internal sealed partial class RolloutGrain
{
    private static readonly int MaxErrorsPerHost = 5;

    /// <summary>
    /// One step, then the timer is re-armed for when the next one is due: at once after a wave was applied
    /// with no soak, a gate passed or a wave went back; at the end of a soak; else one tick later. Each step
    /// is its own timer turn, so calls (pause, abort, status) still run between steps.
    /// </summary>
    private async Task StepAndRearmAsync()
    {
        await StepAsync();
        if (Active && _timer is not null)
        {
            _timer.Change(NextStepIn(), options.Value.TickInterval);
        }
    }

    private TimeSpan NextStepIn()
    {
        if (S.Status == RolloutStatus.RollingBack || S.Current >= S.Progress.Count)
        {
            return TimeSpan.Zero;
        }

        var progress = S.Progress[S.Current];
        if (progress.Status != WaveStatus.Soaking || progress.SoakUntil is not { } until)
        {
            return TimeSpan.Zero;
        }

        var left = until - time.GetUtcNow();
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < options.Value.TickInterval ? left : options.Value.TickInterval;
    }

    private async Task StepAsync()
    {
        if (!Active)
        {
            await StopAsync();
            return;
        }

        if (S.Status == RolloutStatus.RollingBack)
        {
            await RollBackStepAsync();
            return;
        }

        var wave = S.Waves[S.Current];
        var progress = S.Progress[S.Current];
        switch (progress.Status)
        {
            case WaveStatus.Pending or WaveStatus.Applying:
                progress.Status = WaveStatus.Applying;
                if (progress.AppliedAt is null)
                {
                    progress.AppliedAt = time.GetUtcNow();
                    await ReadBaselineAsync(wave, progress); // written with AppliedAt: a repeated step keeps the first reading
                }

                await state.WriteStateAsync();
                var started = time.GetTimestamp();
                var failed = await SwitchAsync(wave, progress, _ => S.ToVersion, $"rollout {Id} {wave.Name}");
                RecordWave(progress, rollback: false, started, failed);
                progress.Status = WaveStatus.Soaking;
                progress.SoakUntil = time.GetUtcNow() + Soak;
                Record(RolloutDecisionKinds.Wave, $"{wave.Name}: {progress.Switched.Values.Sum()} of {wave.Count} VMI(s) on v{S.ToVersion} across {wave.Hosts.Count} host(s)",
                    $"soaking until {progress.SoakUntil:O}", null, Errors(progress));
                await state.WriteStateAsync();
                LogWave(Id, wave.Name, wave.Count);
                break;
            case WaveStatus.Soaking when time.GetUtcNow() >= progress.SoakUntil:
                await GateAsync(wave, progress);
                break;
        }
    }

    private async Task GateAsync(RolloutWave wave, WaveProgress progress)
    {
        var observations = new List<GateObservation>();
        var metrics = new List<(double? Before, double? After)>();
        var since = progress.AppliedAt;
        await BoundedParallel.ForEachAsync(wave.Hosts.SelectMany(h => h.VmiIds.Select(v => (h.Host, Vmi: v))), options.Value.VmiParallelism, async t =>
        {
            GateObservation seen;
            try
            {
                var vmi = GrainFactory.GetGrain<IVmiGrain>(t.Vmi);
                var view = await vmi.GetAsync();
                seen = GateObservation.From(view, await vmi.GetDecisionsAsync(since), S.Request!.ProfileId, S.ToVersion);
                if (S.MetricGate is { } condition)
                {
                    metrics.Add((progress.Baseline.TryGetValue(t.Vmi, out var before) ? before : null, MetricGate.ValueOf(condition, view.Metrics)));
                }
            }
            catch (Exception ex) when (RolloutFailures.IsVmiFailure(ex))
            {
                seen = GateObservation.Unreadable(t.Vmi, t.Host, ex.Message);
            }

            observations.Add(seen); // one activation: no two continuations run at once
        });
        var gate = RolloutGate.Evaluate(wave.Name, observations, S.MetricGate is { } metricGate ? MetricGate.Evaluate(metricGate, metrics) : null);
        progress.Gate = gate.Evidence;
        Record(RolloutDecisionKinds.Gate, gate.Passed ? $"{wave.Name} gate passed" : $"{wave.Name} gate failed", gate.Evidence);
        LogGate(Id, wave.Name, gate.Passed, gate.Evidence);
        VmiGrainsMetrics.RecordGate(gate.Passed);
        if (gate.Passed)
        {
            progress.Status = WaveStatus.Passed;
            S.Current++;
            if (S.Current >= S.Waves.Count)
            {
                await FinishAsync(RolloutStatus.Completed, $"every wave passed its gate; {S.Progress.Sum(p => p.Switched.Values.Sum())} VMI(s) on v{S.ToVersion}");
                return;
            }

            await state.WriteStateAsync();
            return;
        }

        progress.Status = WaveStatus.Failed;
        if (S.Request!.AutoRollback)
        {
            await SetStatusAsync(RolloutStatus.RollingBack, $"{wave.Name} gate failed; rolling back (auto_rollback)");
        }
        else
        {
            await SetStatusAsync(RolloutStatus.Paused, $"{wave.Name} gate failed; 'resume' to go on anyway, 'rollback' to go back");
            await StopAsync();
        }
    }

    /// <summary>
    /// With a metric gate, each VMI's value of its statistic just before the wave switches it (read once, with the
    /// wave's start: a step repeated after a crash does not take a VMI already switched as its own baseline; a wave
    /// applied again after a resume reads only the VMIs it has none for). A VMI that cannot be read or has no samples
    /// has no baseline and does not count for the metric.
    /// </summary>
    private async Task ReadBaselineAsync(RolloutWave wave, WaveProgress progress)
    {
        if (S.MetricGate is not { } condition)
        {
            return;
        }

        await BoundedParallel.ForEachAsync(wave.Hosts.SelectMany(h => h.VmiIds).Where(v => !progress.Baseline.ContainsKey(v)), options.Value.VmiParallelism, async vmi =>
        {
            try
            {
                if (MetricGate.ValueOf(condition, (await GrainFactory.GetGrain<IVmiGrain>(vmi).GetAsync()).Metrics) is { } value)
                {
                    progress.Baseline[vmi] = value; // one activation: no two continuations run at once
                }
            }
            catch (Exception ex) when (RolloutFailures.IsVmiFailure(ex))
            {
                LogNoBaseline(Id, vmi, ex.Message);
            }
        });
    }

    /// <summary>Moves the latest wave that is not back yet to the versions its VMIs had; rolled back when none is left.</summary>
    private async Task RollBackStepAsync()
    {
        var index = S.Progress.FindLastIndex(p => p.Status is not (WaveStatus.Pending or WaveStatus.RolledBack));
        if (index < 0)
        {
            await FinishAsync(RolloutStatus.RolledBack, $"every VMI the rollout moved is back on its previous version");
            return;
        }

        var wave = S.Waves[index];
        var progress = S.Progress[index];
        var back = new WaveProgress();
        var started = time.GetTimestamp();
        var failed = await SwitchAsync(wave, back, vmi => S.Previous.TryGetValue(vmi, out var v) ? v : null, $"rollout {Id} rollback of {wave.Name}");
        RecordWave(back, rollback: true, started, failed);
        progress.Status = WaveStatus.RolledBack;
        progress.Switched.Clear();
        Record(RolloutDecisionKinds.Rollback, $"{wave.Name}: {back.Switched.Values.Sum()} of {wave.Count} VMI(s) back on their previous version", S.StatusReason ?? "rollback", $"v{S.ToVersion}", Errors(back));
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Switches the wave's VMIs to the version <paramref name="versionOf"/> names (skipping those it names
    /// none for), hosts in parallel. Each host is told which of its VMIs are coming (up to
    /// <see cref="RolloutOptions.VmiParallelism"/> at a time) and commits their claims as one group: one re-plan
    /// per host per wave, and no VMI of the wave moved by a neighbour's re-plan. Returns how many VMIs failed
    /// (every one; the errors kept per host stop at <see cref="MaxErrorsPerHost"/>).
    /// </summary>
    private async Task<int> SwitchAsync(RolloutWave wave, WaveProgress into, Func<string, int?> versionOf, string reason)
    {
        var failed = 0; // one activation: no two continuations run at once
        await BoundedParallel.ForEachAsync(wave.Hosts, options.Value.HostParallelism, async batch =>
        {
            var switched = 0;
            var errors = new List<string>();
            var host = GrainFactory.GetGrain<IHypervisorClusterGrain>(batch.Host);
            foreach (var chunk in batch.VmiIds.Where(v => versionOf(v) is not null).Chunk(options.Value.VmiParallelism))
            {
                try
                {
                    await host.ExpectClaimsAsync(chunk, options.Value.GatherTimeout);
                }
                catch (Exception ex) when (RolloutFailures.IsVmiFailure(ex))
                {
                    LogHostNotTold(Id, batch.Host, ex.Message); // the VMIs go on; their claims are grouped as they arrive
                }

                await Task.WhenAll(chunk.Select(async vmi =>
                {
                    try
                    {
                        var result = await GrainFactory.GetGrain<IVmiClusterGrain>(vmi).ApplyForRolloutAsync(S.Request!.ProfileId, versionOf(vmi)!.Value, reason);
                        switched++;
                        if (!result.Changed)
                        {
                            host.DismissClaimAsync(vmi).Ignore(); // on the version already: no claim comes
                        }
                    }
                    catch (Exception ex) when (RolloutFailures.IsVmiFailure(ex))
                    {
                        host.DismissClaimAsync(vmi).Ignore();
                        failed++;
                        if (errors.Count < MaxErrorsPerHost)
                        {
                            errors.Add($"{vmi}: {ex.Message}");
                        }
                    }
                }));
            }

            into.Switched[batch.Host] = switched;
            into.Errors[batch.Host] = errors;
        });
        return failed;
    }

    /// <summary>The wave's metrics: its switching time and how many VMIs moved or failed.</summary>
    private void RecordWave(WaveProgress progress, bool rollback, long started, int failed) =>
        VmiGrainsMetrics.RecordWave(rollback, time.GetElapsedTime(started).TotalSeconds, progress.Switched.Values.Sum(), failed);

    private static string? Errors(WaveProgress progress)
    {
        var all = progress.Errors.Values.SelectMany(e => e).ToList();
        return all.Count == 0 ? null : string.Join("; ", all);
    }
}
