using System.Globalization;
using System.Text.RegularExpressions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>
/// Validates <c>run(program, args, {app=, timeout=})</c>: <c>program</c> an absolute path or a bare
/// name, <c>args</c> a list of at most <see cref="MaxArgs"/> strings of at most
/// <see cref="MaxArgLength"/> characters, <c>timeout</c> in (0, <see cref="MaxTimeoutSeconds"/>] seconds
/// (default <see cref="DefaultTimeoutSeconds"/>). Whether the profile allows the program, and how
/// many runs a VMI may start, the grain decides (<see cref="RuleRunBudget"/>).
/// </summary>
public static partial class RunActionReader
{
    /// <summary>Most arguments of one run.</summary>
    public const int MaxArgs = 16;

    /// <summary>Longest argument (characters).</summary>
    public const int MaxArgLength = 256;

    /// <summary>Longest program path (characters).</summary>
    public const int MaxProgramLength = 256;

    /// <summary>Longest timeout of a run (5 minutes).</summary>
    public const double MaxTimeoutSeconds = 300;

    /// <summary>The timeout when the rule gives none.</summary>
    public const double DefaultTimeoutSeconds = 30;

    private const string ProgramFix = "pass an absolute guest path such as '/usr/bin/nc' or a bare name such as 'nc' listed in the profile's allowed_programs";

    /// <summary>Validates one raw <c>run</c> action.</summary>
    public static ActionValidation Read(RawAction raw, ActionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(limits);
        var r = new ActionFieldReader(ActionKinds.Run, raw.Fields, limits);
        var program = r.String("program", true, IsProgram, ProgramFix);
        if (raw.Fields.TryGetValue("args", out var rawArgs) && rawArgs.Table is null && rawArgs.Unsupported is null)
        {
            r.Fail("args", "must be a list of strings", rawArgs.Display, "pass a list such as {'-z', '10.0.0.1', '22'}");
            return ActionValidation.Fail(r.Error!);
        }

        var args = r.Table("args", false);
        var opts = r.Table("opts", false);
        r.RejectUnknown("program", "args", "opts");
        if (r.Error is not null)
        {
            return ActionValidation.Fail(r.Error);
        }

        var list = Args(r, args);
        if (r.Error is not null)
        {
            return ActionValidation.Fail(r.Error);
        }

        string? app = null;
        var timeout = DefaultTimeoutSeconds;
        if (opts is not null)
        {
            var o = new ActionFieldReader(ActionKinds.Run, opts, limits, "options.");
            app = o.String("app", false, s => s.Length <= 64, "pass an application name of at most 64 characters, as application_priorities names it");
            timeout = o.Number("timeout", false, 0, MaxTimeoutSeconds, " seconds", minExclusive: true) ?? DefaultTimeoutSeconds;
            o.RejectUnknown("app", "timeout");
            if (o.Error is not null)
            {
                return ActionValidation.Fail(o.Error);
            }
        }

        return ActionValidation.Ok(new RunAction(program!, list, app, TimeSpan.FromSeconds(timeout)));
    }

    private static List<string> Args(ActionFieldReader r, IReadOnlyDictionary<string, RawValue>? args)
    {
        var list = new List<string>();
        if (args is null)
        {
            return list;
        }

        if (args.Count > MaxArgs)
        {
            r.Fail("args", $"has more than {MaxArgs} entries", args.Count.ToString(CultureInfo.InvariantCulture), $"pass at most {MaxArgs} arguments");
            return list;
        }

        for (var i = 1; i <= args.Count; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            if (!args.TryGetValue(key, out var value))
            {
                var odd = args.Keys.Order(StringComparer.Ordinal).First(k => !int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > args.Count);
                r.Fail("args", "must be a list of strings", $"key {Quote(odd)}", "pass a list such as {'-z', '10.0.0.1', '22'}");
                return list;
            }

            if (value.Scalar is not { Kind: FieldValueKind.Text } s || s.Text!.Length > MaxArgLength)
            {
                r.Fail($"args[{key}]", $"must be a string of at most {MaxArgLength} characters", value.Unsupported ?? value.Display,
                    "pass strings only (write numbers as strings, e.g. '22')");
                return list;
            }

            if (s.Text.Contains('\0', StringComparison.Ordinal))
            {
                r.Fail($"args[{key}]", "must not contain a NUL character", value.Display, "remove the \\0");
                return list;
            }

            list.Add(s.Text);
        }

        return list;
    }

    private static bool IsProgram(string s) => s.Length <= MaxProgramLength
        && (BareName().IsMatch(s) || (AbsolutePath().IsMatch(s) && !s.Split('/').Any(segment => segment is "." or "..")));

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}$")]
    private static partial Regex BareName();

    [GeneratedRegex("^(/[A-Za-z0-9._+-]+)+$")]
    private static partial Regex AbsolutePath();
}
