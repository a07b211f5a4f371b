using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Cli.Output;

/// <summary>The one-line error format: <c>FILE-or-ARG: $.json.path: what is wrong (got VALUE); how to fix</c>.</summary>
internal static class ErrorLines
{
    /// <summary>Writes each error of <paramref name="source"/> on its own line.</summary>
    public static void Write(TextWriter writer, string source, IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            writer.WriteLine($"{source}: {error}");
        }
    }
}
