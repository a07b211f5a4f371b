using Microsoft.Extensions.Options;

namespace VmiGrains.GuestAgent;

/// <summary>Reports every invalid <see cref="GuestAgentOptions"/> setting at start-up, with the fix.</summary>
internal sealed class GuestAgentOptionsValidator : IValidateOptions<GuestAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, GuestAgentOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(options.CommandTimeout), options.CommandTimeout, "e.g. 00:00:10");
        Positive(failures, nameof(options.PollInitialDelay), options.PollInitialDelay, "e.g. 00:00:00.020");
        Positive(failures, nameof(options.PollMaxDelay), options.PollMaxDelay, "e.g. 00:00:00.500");
        if (options.TimeoutGrace < TimeSpan.Zero)
        {
            failures.Add($"{GuestAgentOptions.SectionName}:{nameof(options.TimeoutGrace)} is negative (got {options.TimeoutGrace}); use 0 or more, e.g. 00:00:15");
        }

        if (options.MaxOutputBytes < 0)
        {
            failures.Add($"{GuestAgentOptions.SectionName}:{nameof(options.MaxOutputBytes)} is negative (got {options.MaxOutputBytes}); use 0 or more bytes, e.g. 1048576");
        }

        if (options.MaxReplyBytes < 4096)
        {
            failures.Add($"{GuestAgentOptions.SectionName}:{nameof(options.MaxReplyBytes)} is below 4096 (got {options.MaxReplyBytes}); use e.g. 50331648");
        }

        foreach (var (vmi, path) in options.SocketPaths)
        {
            if (!Path.IsPathFullyQualified(path))
            {
                failures.Add($"{GuestAgentOptions.SectionName}:{nameof(options.SocketPaths)}:{vmi} is not an absolute path (got \"{path}\"); give the full socket path");
            }
        }

        if (options.SocketPathTemplate is { } template && (!template.Contains("{vmi}", StringComparison.Ordinal) || !Path.IsPathFullyQualified(template)))
        {
            failures.Add($"{GuestAgentOptions.SectionName}:{nameof(options.SocketPathTemplate)} must be an absolute path containing {{vmi}} (got \"{template}\"); e.g. /run/vmigrains/qga/{{vmi}}.sock");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{GuestAgentOptions.SectionName}:{key} must be positive (got {value}); {example}");
        }
    }
}
