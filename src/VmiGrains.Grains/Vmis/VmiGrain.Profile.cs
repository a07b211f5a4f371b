using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Rules;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Vmis;

/// <summary>Attach, switch and detach profiles; the host follows with a forced rebalance.</summary>
internal sealed partial class VmiGrain
{
    public Task<ApplyResult> ApplyProfileAsync(string profileId, int? version = null)
    {
        if (string.IsNullOrWhiteSpace(profileId))
        {
            throw new InvalidRequestException(new ValidationError("profile", "is required", null, "name a profile from 'vmi profile list'"));
        }

        _ = Registration;
        EnsureDefined();

        return SwitchProfileAsync(profileId, version, "operator request");
    }

    public Task<ApplyResult> ApplyForRolloutAsync(string profileId, int version, string reason)
    {
        _ = Registration;
        EnsureDefined();
        return SwitchProfileAsync(profileId, version, reason);
    }

    public async Task DetachAsync()
    {
        _ = Registration;
        if (state.State.ProfileId is null)
        {
            return;
        }

        var before = $"{state.State.ProfileId} v{state.State.ProfileVersion}";
        await UndoAllAsync("profile detached");
        state.State.ProfileId = null;
        state.State.ProfileVersion = null;
        state.State.Allocation = null;
        ResetRuleHealth("profile detached");
        var previous = _profile;
        _profile = null;
        Session.Use(null, null);
        StopTicking();
        if (_observers is not null)
        {
            StopObserving();
            Record("observer", "observers stopped", "profile detached");
            await StopTracersAsync("profile detached");
        }

        Record("profile", "profile detached", "operator request", before, null);
        await WriteAsync();
        await ReportToIndexAsync();
        await TryHostAsync(host => host.RemoveClaimAsync(Id));
        await TryHostAsync(async _ => NoteNetwork("network rules and shaping removed", await Network.RemoveAllAsync(Id), "operator request"));
        await ApplyPrioritiesAsync(PriorityChanges.Between(previous?.ApplicationPriorities, null), "profile detached");
        await WriteAsync();
    }

    private IHostNetworkGrain Network => GrainFactory.GetGrain<IHostNetworkGrain>(Registration.Host);

    private async Task ApplyNetworkPolicyAsync(ProfileDocument profile, string reason)
    {
        var policy = profile.NetworkPolicy;
        await TryHostAsync(async _ => NoteNetwork(
            $"network policy in force: default {policy.Default.ToString().ToLowerInvariant()}, {policy.Rules.Count} rule(s)",
            await Network.ApplyPolicyAsync(Id, policy), reason));
    }

    /// <summary>Records a network change, or why it was not (fully) made.</summary>
    private void NoteNetwork(string done, string? problem, string reason) =>
        Record("network", problem is null ? done : $"{done} — {problem}", reason);

    private async Task<ApplyResult> SwitchProfileAsync(string profileId, int? version, string reason, UndoRecord? scoped = null)
    {
        var registration = Registration;
        var stored = await GrainFactory.GetGrain<IProfileGrain>(profileId).GetAsync(version);
        if (state.State.ProfileId == profileId && state.State.ProfileVersion == stored.Version)
        {
            return new ApplyResult(Id, profileId, stored.Version, Changed: false, state.State.Allocation);
        }

        var before = state.State.ProfileId is null ? null : $"{state.State.ProfileId} v{state.State.ProfileVersion}";
        if (before is not null)
        {
            // Temporary changes belong to the profile that made them.
            await UndoAllAsync($"switch to {profileId}");
        }

        // Desired state (and, for a scoped run, how to go back) is durable before anything touches the host.
        state.State.ProfileId = profileId;
        state.State.ProfileVersion = stored.Version;
        ResetRuleHealth($"profile {profileId} v{stored.Version} attached");
        Record("profile", $"profile {profileId} v{stored.Version} attached", reason, before, $"{profileId} v{stored.Version}");
        if (scoped is not null)
        {
            state.State.Undo.Add(scoped);
            Record(scoped.Kind, $"{scoped.Description} until the run ends", scoped.Reason);
        }

        await WriteAsync();
        if (scoped is not null)
        {
            await ReportUndoDueAsync();
        }

        var previous = _profile;
        UseProfile(stored.Document, stored.Version);
        await StopTracersAsync($"switch to {profileId}");
        await ReportToIndexAsync();
        LogAttached(Id, registration.Name, profileId, stored.Version, reason);

        var allocation = await ClaimAsync(force: true, reason, persist: false); // written with the rest below
        await ApplyNetworkPolicyAsync(stored.Document, reason);
        await ApplyGuestAppRulesAsync(stored.Document, reason);
        await ApplyPrioritiesAsync(PriorityChanges.Between(previous?.ApplicationPriorities, stored.Document.ApplicationPriorities), reason);
        await WriteAsync();
        return new ApplyResult(Id, profileId, stored.Version, Changed: true, allocation);
    }

    /// <summary>
    /// Rules disabled for failing belong to the version that failed: another version, another
    /// profile or a detach starts every rule afresh (with the decision saying which came back).
    /// </summary>
    private void ResetRuleHealth(string reason)
    {
        // Called after ProfileId/ProfileVersion changed: records of the old key are what comes back.
        var stale = state.State.RulesDisabled.Where(d => !d.IsFor(state.State.ProfileId, state.State.ProfileVersion)).ToList();
        if (stale.Count > 0)
        {
            state.State.RulesDisabled.RemoveAll(stale.Contains);
            Record("rules-enabled", $"rule(s) {string.Join(", ", stale.Select(d => d.ToString()))} enabled again", reason);
        }

        Session.State = Session.State with
        {
            Disabled = new Dictionary<string, string>(StringComparer.Ordinal),
            ConsecutiveFailures = new Dictionary<string, int>(StringComparer.Ordinal),
        };
    }

    /// <summary>Enables <paramref name="names"/> in stored and in-memory rule state, with one decision; nothing when empty.</summary>
    private void EnableRules(List<string> names, string reason)
    {
        if (names.Count == 0)
        {
            return;
        }

        names.Sort(StringComparer.Ordinal);
        var disabled = new Dictionary<string, string>(Session.State.Disabled, StringComparer.Ordinal);
        var failures = new Dictionary<string, int>(Session.State.ConsecutiveFailures, StringComparer.Ordinal);
        foreach (var name in names)
        {
            state.State.RulesDisabled.RemoveAll(d => d.Rule == name && d.IsFor(state.State.ProfileId, state.State.ProfileVersion));
            disabled.Remove(name);
            failures.Remove(name);
        }

        Session.State = Session.State with { Disabled = disabled, ConsecutiveFailures = failures };
        Record("rules-enabled", $"rule(s) {string.Join(", ", names.Select(n => $"{n} of {state.State.ProfileId} v{state.State.ProfileVersion}"))} enabled again", reason);
    }

    private void UseProfile(ProfileDocument document, int version)
    {
        _profile = document;
        Session.Use(document.Id, document.BehavioralRules.Count > 0 ? RuleProgram.From(document, version) : null);
        StartTicking(document.EvaluationInterval);
        UseObservers(document.Observers);
    }

    /// <summary>The profile's weights with the active <c>set_weight</c> overrides on top.</summary>
    private ResourceVector? EffectiveWeights()
    {
        if (_profile is null)
        {
            return null;
        }

        var weights = _profile.ResourceWeights;
        foreach (var o in state.State.Undo.Where(u => u.Kind == UndoKinds.WeightOverride && u.Resource is not null && u.Value is not null))
        {
            weights = weights.With(o.Resource!.Value, o.Value!.Value);
        }

        return weights;
    }

    /// <summary>Tells the host what this VMI asks for; records the allocation it gets (written now unless the caller writes it).</summary>
    private async Task<Allocation?> ClaimAsync(bool force, string reason, bool persist = true)
    {
        if (EffectiveWeights() is not { } weights || state.State.Registration is null)
        {
            return null;
        }

        var demand = Demand();
        _lastDemand = demand;
        Allocation? allocation = null;
        await TryHostAsync(async host => allocation = await host.UpdateClaimAsync(Id, weights, demand, force, reason));
        if (allocation is not null && allocation != state.State.Allocation)
        {
            Record("allocation", "allocation applied", reason, Describe(state.State.Allocation), Describe(allocation));
            state.State.Allocation = allocation;
            if (persist)
            {
                await WriteAsync();
            }
        }

        return allocation;
    }

    private IHypervisorClusterGrain Host => GrainFactory.GetGrain<IHypervisorClusterGrain>(Registration.Host);

    /// <summary>Runs a host call; an unavailable host is logged and recorded, not thrown: the host catches up when it returns.</summary>
    private async Task TryHostAsync(Func<IHypervisorClusterGrain, Task> call)
    {
        try
        {
            await call(Host);
            _hostAvailable = true;
        }
        catch (HypervisorUnavailableException ex)
        {
            _hostAvailable = false;
            LogHostUnavailable(Id, ex.Host);
            Record("host", $"host {ex.Host} unavailable; the allocation follows when it returns", "host unavailable");
        }
    }
}
