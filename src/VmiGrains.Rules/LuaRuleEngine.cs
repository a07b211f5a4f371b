using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Rules.Engine;
using VmiGrains.Rules.Native;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules;

/// <summary>
/// <see cref="IRuleEngine"/> on sandboxed Lua 5.4. Programs are compiled once per profile id +
/// version into pooled states (never one state per VMI); each VMI's snapshot is passed in per call.
/// Per rule, all or nothing: its actions and its <c>vmi.state</c> changes count only if the call
/// succeeded and every action validated. A rule failing <see cref="RulesOptions.FailuresBeforeDisable"/>
/// times in a row is disabled for that VMI and reported; other rules keep running.
/// </summary>
public sealed partial class LuaRuleEngine : IRuleEngine, IDisposable
{
    private readonly RulesOptions _options;
    private readonly SandboxLimits _limits;
    private readonly ActionLimits _actionLimits;
    private readonly RuleStateLimits _stateLimits;
    private readonly ILogger _logger;
    private readonly IOptionsMonitor<RulesOptions>? _live;
    private readonly ConcurrentDictionary<(string ProfileId, int Version), ProgramPool> _pools = new();

    /// <summary>
    /// Creates the engine (DI constructor). Budgets are read once; the operator switches
    /// (<see cref="RulesOptions.Enabled"/>, <see cref="RulesOptions.DisabledProfiles"/>) are read live.
    /// </summary>
    public LuaRuleEngine(IOptionsMonitor<RulesOptions> options, ILogger<LuaRuleEngine> logger)
        : this(options?.CurrentValue ?? throw new ArgumentNullException(nameof(options)), logger)
    {
        _live = options;
    }

    /// <summary>Creates the engine with explicit options (tools, tests, the dry-run).</summary>
    public LuaRuleEngine(RulesOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new RulesOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(RulesOptions.SectionName, typeof(RulesOptions), result.Failures);
        }

        SandboxWarmUp.EnsureOnce();
        _options = options;
        _limits = SandboxLimits.From(options);
        _actionLimits = new ActionLimits(options.MaxActionStringLength);
        _stateLimits = new RuleStateLimits(options.MaxStateEntries, MaxStringLength: options.MaxStateStringLength, MaxBytes: options.MaxStateBytes);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public RuleEvaluationResult EvaluateTick(RuleProgram program, VmiSnapshot snapshot) => Evaluate(program, snapshot, null);

    /// <inheritdoc/>
    public RuleEvaluationResult EvaluateEvent(RuleProgram program, VmiSnapshot snapshot, TelemetryEvent telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        return Evaluate(program, snapshot, telemetryEvent);
    }

    /// <inheritdoc/>
    public void Evict(string profileId, int? keepVersion = null)
    {
        foreach (var key in _pools.Keys)
        {
            if (key.ProfileId == profileId && key.Version != keepVersion && _pools.TryRemove(key, out var pool))
            {
                pool.Dispose();
            }
        }
    }

    /// <summary>Disposes every pooled state.</summary>
    public void Dispose()
    {
        foreach (var key in _pools.Keys)
        {
            if (_pools.TryRemove(key, out var pool))
            {
                pool.Dispose();
            }
        }
    }

    private RuleEvaluationResult Evaluate(RuleProgram program, VmiSnapshot snapshot, TelemetryEvent? telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (PausedBy(program.ProfileId) is { } pausedBy)
        {
            return RuleEvaluationResult.Paused(snapshot.State, pausedBy);
        }

        var pool = PoolFor(program);
        var run = new EvaluationRun(snapshot.State, _options.FailuresBeforeDisable);
        var loaded = pool.Rent();
        try
        {
            foreach (var rule in loaded.Rules)
            {
                if (run.IsDisabled(rule.Name))
                {
                    continue;
                }

                if (rule.LoadError is { } loadError)
                {
                    run.Fail(loadError);
                    continue;
                }

                var fn = telemetryEvent is null ? rule.OnTickRef : rule.OnEventRef;
                if (fn != 0)
                {
                    Invoke(loaded.Sandbox, rule, fn, snapshot, telemetryEvent, run);
                }
            }
        }
        finally
        {
            loaded.Sandbox.CurrentMetrics = null;
            pool.Return(loaded);
        }

        foreach (var d in run.NewlyDisabled)
        {
            LogRuleDisabled(_logger, program.ProfileId, program.Version, snapshot.VmiId, d.Rule, d.Failures, d.LastError.Message);
        }

        return run.ToResult();
    }

    private string? PausedBy(string profileId)
    {
        var switches = _live?.CurrentValue ?? _options;
        if (!switches.Enabled)
        {
            return $"{RulesOptions.SectionName}:Enabled=false";
        }

        return switches.DisabledProfiles.Contains(profileId, StringComparer.Ordinal) ? $"{RulesOptions.SectionName}:DisabledProfiles contains {profileId}" : null;
    }

    private ProgramPool PoolFor(RuleProgram program)
    {
        var key = (program.ProfileId, program.Version);
        while (true)
        {
            var pool = _pools.GetOrAdd(key, _ => new ProgramPool(program, _limits, _options.MaxPooledStatesPerProgram));
            if (ReferenceEquals(pool.Program.Rules, program.Rules) || pool.Program.Rules.SequenceEqual(program.Rules))
            {
                return pool;
            }

            // Same id and version but other scripts (e.g. a dry-run of an edited file): replace.
            if (_pools.TryUpdate(key, new ProgramPool(program, _limits, _options.MaxPooledStatesPerProgram), pool))
            {
                pool.Dispose();
            }
        }
    }

    private void Invoke(LuaSandbox sandbox, LoadedRule loadedRule, int fn, VmiSnapshot snapshot, TelemetryEvent? telemetryEvent, EvaluationRun run)
    {
        var rule = loadedRule.Name;
        var l = sandbox.State;
        LuaNative.lua_settop(l, 0);
        SnapshotWriter.PushScalars(l, run.Values);
        _ = LuaNative.lua_rawgeti(l, LuaNative.RegistryIndex, fn);
        SnapshotWriter.PushVmi(l, snapshot, 1, sandbox.WindowFunctionRef);
        if (telemetryEvent is not null)
        {
            SnapshotWriter.PushEvent(l, telemetryEvent);
        }

        sandbox.CurrentMetrics = snapshot.Metrics;
        var status = sandbox.Call(telemetryEvent is null ? 1 : 2, 1);
        try
        {
            // Whatever the call did, shared top-level locals are put back before anyone else runs.
            var reassigned = loadedRule.CheckRef == 0 ? null : RestoreShared(sandbox, loadedRule.CheckRef);
            if (status == SandboxCallStatus.Ok && reassigned is not null)
            {
                run.Fail(new RuleError(rule, null, RuleErrorKind.InvalidState, $"the rule assigned the top-level local '{reassigned}', which every VMI of the profile shares; it was put back. Keep per-VMI data in vmi.state"));
                return;
            }

            if (status != SandboxCallStatus.Ok)
            {
                var (line, text) = LuaErrorText.Split(sandbox.PopMessage(), rule);
                run.Fail(new RuleError(rule, line, RuleEngineErrors.KindOf(status), RuleEngineErrors.Decorate(status, text, _limits.MemoryLimitBytes)));
                sandbox.Recover();
                return;
            }

            Collect(l, rule, run);
        }
        finally
        {
            LuaNative.lua_settop(l, 0);
        }
    }

    /// <summary>Runs the sealing check on top of the call's results; the name of a reassigned local, or null.</summary>
    private static string? RestoreShared(LuaSandbox sandbox, int checkRef)
    {
        var l = sandbox.State;
        _ = LuaNative.lua_rawgeti(l, LuaNative.RegistryIndex, checkRef);
        if (!sandbox.CallUnbudgeted(0, 1))
        {
            return sandbox.PopMessage();
        }

        var name = LuaNative.lua_type(l, -1) == LuaNative.TString ? LuaStack.ToUtf8(l, -1, out _) ?? "?" : null;
        LuaNative.Pop(l, 1);
        return name;
    }

    private void Collect(nint l, string rule, EvaluationRun run)
    {
        var raw = new List<RawAction>();
        var error = LuaValueReader.ReadActions(l, 2, _options.MaxActions - run.ActionCount, _options.MaxStringLength, raw);
        if (error is not null)
        {
            run.Fail(new RuleError(rule, null, RuleErrorKind.InvalidAction, error));
            return;
        }

        var decisions = new List<RuleDecision>(raw.Count);
        foreach (var action in raw)
        {
            var validation = RuleActionValidator.Validate(action, _actionLimits);
            if (validation.Error is not null)
            {
                run.Fail(new RuleError(rule, action.Line, RuleErrorKind.InvalidAction, validation.Error));
                return;
            }

            decisions.Add(new RuleDecision(rule, action.Line, validation.Action!));
        }

        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var stateError = LuaValueReader.ReadScalars(l, 1, _stateLimits.MaxEntries, _options.MaxStringLength, values) ?? _stateLimits.Check(values);
        if (stateError is not null)
        {
            run.Fail(new RuleError(rule, null, RuleErrorKind.InvalidState, stateError));
            return;
        }

        run.Succeed(rule, decisions, values);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rule {Rule} of profile {ProfileId} v{Version} disabled for VMI {VmiId} after {Failures} consecutive failures: {LastError}")]
    private static partial void LogRuleDisabled(ILogger logger, string profileId, int version, string vmiId, string rule, int failures, string lastError);
}
