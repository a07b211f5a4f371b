using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>
/// Turns a <see cref="RawAction"/> into a typed <see cref="VmiAction"/>, or explains why not.
/// Strict: unknown actions, unknown fields, wrong types and out-of-range values are all errors.
/// </summary>
public static partial class RuleActionValidator
{
    /// <summary>Longest TTL of a temporary change (1 day).</summary>
    public const double MaxTtlSeconds = 86_400;

    /// <summary>Longest TTL of a syscall fault (1 hour).</summary>
    public const double MaxFaultTtlSeconds = 3_600;

    /// <summary>The errno names <c>inject_syscall_fault</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Errnos =
    [
        "EACCES", "EAGAIN", "EBADF", "EBUSY", "ECONNREFUSED", "ECONNRESET", "EEXIST", "EINTR", "EIO",
        "EMFILE", "ENETUNREACH", "ENOENT", "ENOMEM", "ENOSPC", "EPERM", "ETIMEDOUT",
    ];

    /// <summary>Validates one action.</summary>
    public static ActionValidation Validate(RawAction raw, ActionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        limits ??= ActionLimits.Default;
        return raw.Kind switch
        {
            ActionKinds.SwitchProfile => SwitchProfile(raw, limits),
            ActionKinds.SetWeight => SetWeight(raw, limits),
            ActionKinds.SetPriority => SetPriority(raw, limits),
            ActionKinds.ShapeNetwork => ShapeNetwork(raw, limits),
            ActionKinds.InjectSyscallFault => InjectSyscallFault(raw, limits),
            ActionKinds.Emit => Emit(raw, limits),
            ActionKinds.Log => Log(raw, limits),
            ActionKinds.Run => RunActionReader.Read(raw, limits),
            null => ActionValidation.Fail("returned a table that is not an action (no 'kind' field); build actions with the helpers, e.g. switch_profile('id')"),
            _ => ActionValidation.Fail($"unknown action '{raw.Kind}'; use one of {string.Join(", ", ActionKinds.All)}"),
        };
    }

    private static ActionValidation Result(ActionFieldReader r, VmiAction? action) =>
        r.Error is not null ? ActionValidation.Fail(r.Error) : ActionValidation.Ok(action!);

    private static ActionValidation SwitchProfile(RawAction raw, ActionLimits limits)
    {
        var r = new ActionFieldReader(ActionKinds.SwitchProfile, raw.Fields, limits);
        var id = r.String("profile", true, s => Slug().IsMatch(s), "pass a profile id such as 'security-audit' ([a-z0-9][a-z0-9-]{0,62})");
        r.RejectUnknown("profile");
        return Result(r, id is null ? null : new SwitchProfileAction(id));
    }

    private static ActionValidation SetWeight(RawAction raw, ActionLimits limits)
    {
        var r = new ActionFieldReader(ActionKinds.SetWeight, raw.Fields, limits);
        var resource = r.String("resource", true, s => ResourceNames.TryParse(s, out _), $"use one of {string.Join(", ", ResourceNames.All)}");
        var value = r.Number("value", true, 0, 1);
        var opts = r.Table("opts", false);
        r.RejectUnknown("resource", "value", "opts");
        TimeSpan? ttl = null;
        if (r.Error is null && opts is not null)
        {
            var o = new ActionFieldReader(ActionKinds.SetWeight, opts, limits, "options.");
            ttl = o.Ttl("ttl", false, MaxTtlSeconds);
            o.RejectUnknown("ttl");
            if (o.Error is not null)
            {
                return ActionValidation.Fail(o.Error);
            }
        }

        return Result(r, resource is null || value is null ? null
            : new SetWeightAction(ResourceNames.TryParse(resource, out var kind) ? kind : ResourceKind.Cpu, value.Value, ttl));
    }

    private static ActionValidation SetPriority(RawAction raw, ActionLimits limits)
    {
        var r = new ActionFieldReader(ActionKinds.SetPriority, raw.Fields, limits);
        var app = r.String("app", true);
        r.RejectUnknown("app", "level");
        if (r.Error is not null)
        {
            return ActionValidation.Fail(r.Error);
        }

        var fix = $"use one of {string.Join(", ", PriorityLevels.Names)} or a nice value in [{PriorityLevels.MinNice}, {PriorityLevels.MaxNice}]";
        if (!raw.Fields.TryGetValue("level", out var level) || level.Scalar is not { } s)
        {
            r.Fail("level", level is null ? "is required" : "must be a level name or a nice value", level?.Display, fix);
            return ActionValidation.Fail(r.Error!);
        }

        if (s.Kind == FieldValueKind.Text && PriorityLevels.TryParse(s.Text, out var named))
        {
            return ActionValidation.Ok(new SetPriorityAction(app!, PriorityLevels.NiceOf(named), s.Text));
        }

        if (s.Kind == FieldValueKind.Number && s.Number == Math.Floor(s.Number) && s.Number is >= PriorityLevels.MinNice and <= PriorityLevels.MaxNice)
        {
            return ActionValidation.Ok(new SetPriorityAction(app!, (int)s.Number, null));
        }

        r.Fail("level", "is not a known level or nice value", level.Display, fix);
        return ActionValidation.Fail(r.Error!);
    }

    private static ActionValidation ShapeNetwork(RawAction raw, ActionLimits limits)
    {
        var outer = new ActionFieldReader(ActionKinds.ShapeNetwork, raw.Fields, limits);
        var args = outer.Table("args", true);
        outer.RejectUnknown("args");
        if (outer.Error is not null)
        {
            return ActionValidation.Fail(outer.Error);
        }

        var r = new ActionFieldReader(ActionKinds.ShapeNetwork, args!, limits);
        var delay = r.Number("delay_ms", false, 0, 60_000, " ms");
        var jitter = r.Number("jitter_ms", false, 0, 60_000, " ms");
        var loss = r.Number("loss_pct", false, 0, 100, " %");
        var rate = r.Number("rate_kbps", false, 1, 100_000_000, " kbit/s");
        var ttl = r.Ttl("ttl", false, MaxTtlSeconds);
        r.RejectUnknown("delay_ms", "jitter_ms", "loss_pct", "rate_kbps", "ttl");
        if (r.Error is null && delay is null && jitter is null && loss is null && rate is null)
        {
            r.Fail("args", "set nothing", "{}", "set at least one of delay_ms, jitter_ms, loss_pct, rate_kbps");
        }

        return Result(r, new ShapeNetworkAction(delay ?? 0, jitter ?? 0, loss ?? 0, rate, ttl));
    }

    private static ActionValidation InjectSyscallFault(RawAction raw, ActionLimits limits)
    {
        var outer = new ActionFieldReader(ActionKinds.InjectSyscallFault, raw.Fields, limits);
        var args = outer.Table("args", true);
        outer.RejectUnknown("args");
        if (outer.Error is not null)
        {
            return ActionValidation.Fail(outer.Error);
        }

        var r = new ActionFieldReader(ActionKinds.InjectSyscallFault, args!, limits);
        var syscall = r.String("syscall", true, s => Syscall().IsMatch(s), "pass a system call name such as 'write' ([a-z_][a-z0-9_]{0,31})");
        var errno = r.String("errno", true, s => Errnos.Contains(s), $"use one of {string.Join(", ", Errnos)}");
        var probability = r.Number("probability", false, 0, 1, minExclusive: true);
        var ttl = r.Ttl("ttl", true, MaxFaultTtlSeconds);
        var app = r.String("app", false);
        r.RejectUnknown("syscall", "errno", "probability", "ttl", "app");
        return Result(r, r.Error is null ? new InjectSyscallFaultAction(syscall!, errno!, probability ?? 1, ttl!.Value, app) : null);
    }

    private static ActionValidation Emit(RawAction raw, ActionLimits limits)
    {
        var r = new ActionFieldReader(ActionKinds.Emit, raw.Fields, limits);
        var name = r.String("name", true, s => EventName().IsMatch(s), "pass an event name such as 'cpu_burst' ([a-z][a-z0-9_.]{0,63})");
        var fields = r.Table("fields", false);
        r.RejectUnknown("name", "fields");
        if (r.Error is not null)
        {
            return ActionValidation.Fail(r.Error);
        }

        var result = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        if (fields is not null)
        {
            if (fields.Count > limits.MaxEmitFields)
            {
                r.Fail("fields", $"has more than {limits.MaxEmitFields} entries", fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "emit fewer fields");
                return ActionValidation.Fail(r.Error!);
            }

            foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (value.Scalar is not { } s || (s.Kind == FieldValueKind.Text && s.Text!.Length > limits.MaxStringLength))
                {
                    r.Fail($"fields.{key}", $"must be a string (up to {limits.MaxStringLength} characters), number or boolean", value.Display, "pass scalars only");
                    return ActionValidation.Fail(r.Error!);
                }

                result[key] = s;
            }
        }

        return ActionValidation.Ok(new EmitAction(name!, result));
    }

    private static ActionValidation Log(RawAction raw, ActionLimits limits)
    {
        var r = new ActionFieldReader(ActionKinds.Log, raw.Fields, limits);
        var message = r.String("message", true, fix: "pass a string, e.g. log('cpu high')");
        r.RejectUnknown("message");
        return Result(r, message is null ? null : new LogAction(message));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,31}$")]
    private static partial Regex Syscall();

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,63}$")]
    private static partial Regex EventName();
}
