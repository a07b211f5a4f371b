using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Cli.Output;

/// <summary>
/// System.CommandLine's parse errors in the CLI's one error format: the option or argument, what is
/// wrong in words (no .NET type names), the value, and the fix (<c>vmi … --help</c>).
/// </summary>
internal static partial class ParseErrorText
{
    /// <summary>One parse error of <paramref name="command"/> (e.g. <c>vmi profile show</c>) as a <see cref="ValidationError"/>.</summary>
    public static ValidationError Describe(string command, string message)
    {
        var fix = $"run '{command} --help' for usage";
        var text = string.Join(' ', message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
        if (CannotParse().Match(text) is { Success: true } m)
        {
            var expected = m.Groups["type"].Value switch
            {
                var t when t.Contains("Int", StringComparison.Ordinal) => "a whole number",
                var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Single", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) => "a number such as 0.5",
                var t when t.Contains("TimeSpan", StringComparison.Ordinal) => "a duration",
                var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                _ => "a valid value",
            };
            return new ValidationError(m.Groups["name"].Value, $"must be {expected}", Quote(m.Groups["value"].Value), fix);
        }

        if (Unrecognized().Match(text) is { Success: true } u)
        {
            return new ValidationError(command, "unknown option or argument", Quote(u.Groups["value"].Value), fix);
        }

        return new ValidationError(command, text, null, fix);
    }

    private static string Quote(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…"));

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex("^Unrecognized command or argument '(?<value>.*)'$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();
}
