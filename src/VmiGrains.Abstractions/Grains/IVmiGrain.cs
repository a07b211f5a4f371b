using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>
/// One virtual machine instance, keyed by its libvirt domain UUID (lowercase): its profile,
/// telemetry windows, rules, decisions and undo records.
/// </summary>
[Alias("VmiGrains.IVmiGrain")]
public interface IVmiGrain : IGrainWithStringKey
{
    /// <summary>
    /// Attaches <paramref name="profileId"/> (latest version, or <paramref name="version"/>); applying the
    /// same profile and version again changes nothing. Unknown VMI or profile: <see cref="Validation.InvalidRequestException"/>.
    /// </summary>
    [Alias("ApplyProfile"), RequiresScope(Scopes.Write)]
    Task<ApplyResult> ApplyProfileAsync(string profileId, int? version = null);

    /// <summary>Detaches the profile, undoing its temporary changes; idempotent.</summary>
    [Alias("Detach"), RequiresScope(Scopes.Write)]
    Task DetachAsync();

    /// <summary>Everything about the VMI.</summary>
    [Alias("Get"), RequiresScope(Scopes.Read)]
    Task<VmiView> GetAsync();

    /// <summary>Ingests samples and events (events run the rules' <c>on_event</c> at once).</summary>
    [Alias("Ingest"), RequiresScope(Scopes.Write)]
    Task IngestAsync(FeedbackBatch batch);

    /// <summary>
    /// Starts a program in the guest (the trigger), after applying the request's profile when given.
    /// Refused with <see cref="Validation.InvalidRequestException"/> when the profile does not allow the
    /// program or the request is invalid; nothing runs then.
    /// </summary>
    [Alias("Execute"), RequiresScope(Scopes.Exec)]
    Task<ExecutionView> ExecuteAsync(ExecuteRequest request);

    /// <summary>The state, exit code and output of a triggered program.</summary>
    [Alias("GetExecution"), RequiresScope(Scopes.Read)]
    Task<ExecutionView> GetExecutionAsync(string executionId);

    /// <summary>
    /// The programs kept with the VMI (the last 50 at most), oldest first: trigger requests and rules'
    /// <c>run(...)</c> (<see cref="Model.ExecutionView.Rule"/>); stored views, their output cut to its first KiBs.
    /// </summary>
    [Alias("ListExecutions"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<ExecutionView>> ListExecutionsAsync();

    /// <summary>The decision log, newest last; only entries at or after <paramref name="since"/> when given.</summary>
    [Alias("Decisions"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<Decision>> GetDecisionsAsync(DateTimeOffset? since = null);

    /// <summary>
    /// The VMI's recent events (pushed and observed, at most the last 64, held in memory by the active
    /// grain), oldest first; only those after sequence number <paramref name="after"/> when given.
    /// </summary>
    [Alias("Events"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<VmiEvent>> GetEventsAsync(long? after = null);

    /// <summary>
    /// Enables again the rules disabled for failing: <paramref name="rule"/>, or every one when null.
    /// Returns the names enabled (none when nothing was disabled). A named rule that is not disabled is
    /// refused with <see cref="Validation.InvalidRequestException"/>.
    /// </summary>
    [Alias("EnableRules"), RequiresScope(Scopes.Write)]
    Task<IReadOnlyList<string>> EnableRulesAsync(string? rule = null);
}
