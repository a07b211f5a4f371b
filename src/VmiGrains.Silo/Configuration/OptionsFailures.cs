using Microsoft.Extensions.Options;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Finds, in what building or starting the host threw, every options validation failure, one line each.
/// The failures arrive alone (one options type), in an <see cref="AggregateException"/> (the start-up
/// validator's shape for several) or as the inner exception of a hosting or dependency-injection error.
/// </summary>
internal static class OptionsFailures
{
    /// <summary>The failures, or null when <paramref name="exception"/> is (or also holds) anything else.</summary>
    public static IReadOnlyList<string>? Find(Exception? exception) => exception switch
    {
        null => null,
        OptionsValidationException invalid => Lines(invalid),
        AggregateException all => All(all.InnerExceptions),
        _ => Find(exception.InnerException),
    };

    private static List<string>? All(IEnumerable<Exception> exceptions)
    {
        var lines = new List<string>();
        foreach (var exception in exceptions)
        {
            if (Find(exception) is not { } found)
            {
                return null;
            }

            lines.AddRange(found);
        }

        return lines.Count == 0 ? null : lines;
    }

    // Our validators name the key ("VmiGrains:Ticks:SlotSize: must be …"); a library's may not, so
    // those get the options type in front.
    private static string[] Lines(OptionsValidationException invalid)
    {
        var failures = invalid.Failures.Any() ? invalid.Failures : [invalid.Message];
        return [.. failures.Select(f => f.StartsWith("VmiGrains:", StringComparison.Ordinal) ? f : $"{invalid.OptionsType.Name}: {f}")];
    }
}
