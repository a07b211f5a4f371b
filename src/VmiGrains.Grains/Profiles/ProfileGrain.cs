using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Security;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Grains.Fleet;
using VmiGrains.Grains.Rollouts;
using VmiGrains.Grains.Security;

namespace VmiGrains.Grains.Profiles;

/// <summary>Versioned profile documents; validation (including Lua) happens here, before anything is stored.</summary>
internal sealed partial class ProfileGrain(
    [PersistentState("profile", StorageNames.Profiles)] IPersistentState<ProfileState> state,
    IRuleCompiler compiler,
    TimeProvider time,
    ILogger<ProfileGrain> logger) : Grain, IProfileGrain
{
    /// <summary>Hosts whose VMIs a forced delete detaches at the same time.</summary>
    private const int HostsAtOnce = 16;

    /// <summary>VMIs of one host a forced delete detaches at the same time.</summary>
    private const int VmisPerHostAtOnce = 16;

    private string Id => this.GetPrimaryKeyString();

    public async Task<ProfileVersionInfo> DefineAsync(string json)
    {
        ProfileDocument document;
        try
        {
            document = ProfileParser.Parse(json ?? string.Empty, compiler);
        }
        catch (ProfileValidationException)
        {
            ForgetIfEmpty();
            throw;
        }

        if (document.Id != Id)
        {
            ForgetIfEmpty();
            throw new ProfileValidationException(new ValidationError("$.id", $"does not match the profile being defined ('{Id}')",
                JsonQuote(document.Id), $"set \"id\" to \"{Id}\" or define the profile '{document.Id}' instead"));
        }

        if (ProgramsFromRules.NeedsExec(document) && CallerContext.CurrentScopes is { } scopes && !scopes.Contains(Scopes.Exec))
        {
            ForgetIfEmpty();
            throw new AccessDeniedException("IProfileGrain.Define", ProgramsFromRules.Refusal(Id));
        }

        var latest = state.State.Versions.LastOrDefault();
        if (latest is not null && latest.Document == document)
        {
            var unchanged = new ProfileVersionInfo(Id, latest.Version, document.Name, latest.CreatedAt, Created: false);
            var catalog = GrainFactory.GetGrain<IProfileCatalogGrain>(GrainKeys.Default);
            if (!await catalog.ContainsAsync(Id))
            {
                // Lookups ask the catalog first; a crash between this grain's write and the catalog's is repaired by applying again.
                await GrainFactory.GetGrain<IProfileCatalogClusterGrain>(GrainKeys.Default).RegisterAsync(unchanged with { Created = true });
            }

            return unchanged;
        }

        var version = new ProfileVersion(state.State.LastVersion + 1, time.GetUtcNow(), document);
        state.State.Versions.Add(version);
        state.State.LastVersion = version.Version;
        await state.WriteStateAsync();
        var info = new ProfileVersionInfo(Id, version.Version, document.Name, version.CreatedAt, Created: true);
        await GrainFactory.GetGrain<IProfileCatalogClusterGrain>(GrainKeys.Default).RegisterAsync(info);
        LogDefined(Id, version.Version);
        return info;
    }

    public Task<ProfileVersion> GetAsync(int? version = null)
    {
        var versions = state.State.Versions;
        var found = version is { } v ? versions.FirstOrDefault(x => x.Version == v) : versions.LastOrDefault();
        if (found is not null)
        {
            return Task.FromResult(found);
        }

        ForgetIfEmpty();
        var error = versions.Count == 0
            ? new ValidationError("profile", "unknown profile", JsonQuote(Id), "create it with 'vmi profile apply -f FILE' or pick one from 'vmi profile list'")
            : new ValidationError("version", $"profile '{Id}' has no version {version}", version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"use one of {string.Join(", ", versions.Select(x => x.Version))} (see 'vmi profile history {Id}')");
        throw new InvalidRequestException(error);
    }

    public Task<IReadOnlyList<ProfileVersionInfo>> GetHistoryAsync()
    {
        ForgetIfEmpty();
        return Task.FromResult<IReadOnlyList<ProfileVersionInfo>>(
            [.. state.State.Versions.Select(v => new ProfileVersionInfo(Id, v.Version, v.Document.Name, v.CreatedAt, true))]);
    }

    public async Task DeleteAsync(bool force)
    {
        if (state.State.Versions.Count == 0)
        {
            ForgetIfEmpty();
            throw new InvalidRequestException(new ValidationError("profile", "unknown profile", JsonQuote(Id), "see 'vmi profile list'"));
        }

        // A running rollout would attach again what the delete detaches: refuse, naming how to stop it.
        if (await GrainFactory.GetGrain<IRolloutRegistryGrain>(GrainKeys.Default).RunningAsync(Id) is { } rollout)
        {
            throw new InvalidRequestException(new ValidationError("profile", RolloutRunning.Message(rollout), JsonQuote(Id),
                $"stop it first (vmi rollout abort {rollout}, or vmi rollout rollback {rollout}), then delete"));
        }

        var users = (await VmiIndex.ListAsync(GrainFactory, profileId: Id)).Select(v => v.VmiId).Order(StringComparer.Ordinal).ToList();
        if (users.Count > 0 && !force)
        {
            throw new InvalidRequestException(new ValidationError("profile", $"is attached to {users.Count} VMI(s): {string.Join(", ", users.Take(5))}{(users.Count > 5 ? ", …" : string.Empty)}",
                JsonQuote(Id), "detach them first, or pass --force to detach them and delete"));
        }

        await DetachAllAsync();
        state.State.Versions.Clear();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IProfileCatalogClusterGrain>(GrainKeys.Default).RemoveAsync(Id);
        ForgetIfEmpty();
        LogDeleted(Id, users.Count);
    }

    /// <summary>
    /// Detaches every VMI of the profile, hosts in parallel (at most <see cref="HostsAtOnce"/>) and at most
    /// <see cref="VmisPerHostAtOnce"/> of one host at once (the host commits the claim removals that reach it
    /// while it is busy in one re-plan, so each host re-plans a few times instead of once per VMI). The index is read again, so a VMI attached since the check above is detached too. Every VMI
    /// is attempted; if one fails the profile stays (and the delete can be repeated: detach is idempotent).
    /// <see cref="DeleteAsync"/> refuses while a rollout of the profile runs (it would attach again what is
    /// detached here); a rollout that claims the profile during the detach finds no versions left and fails.
    /// </summary>
    private async Task DetachAllAsync()
    {
        var vmis = await VmiIndex.ListAsync(GrainFactory, profileId: Id);
        var byHost = DetachPlan.ByHost(vmis.Select(v => (v.VmiId, v.Host)));
        await BoundedParallel.ForEachAsync(byHost, HostsAtOnce, host =>
            BoundedParallel.ForEachAsync(host, VmisPerHostAtOnce, vmi => GrainFactory.GetGrain<IVmiGrain>(vmi).DetachAsync()));
    }

    /// <summary>
    /// A grain without versions (an unknown or deleted id, reached by a caller that did not ask the catalog
    /// first) deactivates after this call, so lookups of ids that do not exist never accumulate activations.
    /// </summary>
    private void ForgetIfEmpty()
    {
        if (state.State.Versions.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    private static string JsonQuote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} version {Version} defined")]
    private partial void LogDefined(string profileId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} deleted; {Detached} VMI(s) detached")]
    private partial void LogDeleted(string profileId, int detached);
}
