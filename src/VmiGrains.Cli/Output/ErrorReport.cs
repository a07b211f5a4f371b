using System.Text.Json;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Cli.Output;

/// <summary>
/// How a failed cluster verb tells its caller why, on stderr: for people <c>vmi: MESSAGE</c> (one line
/// per error); with <c>-o json</c> one JSON object a script can read without parsing sentences:
/// <c>{"error": {"kind": "invalid_request", "exit_code": 2, "message": "…", "errors": [{"path", "message", "value", "fix"}]}}</c>
/// (<c>errors</c> is null unless the refusal was per field).
/// </summary>
internal sealed class ErrorReport(TextWriter stderr, bool json)
{
    /// <summary>Reports one message; returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string kind, string message)
    {
        if (json)
        {
            Write(new ErrorBody(kind, exitCode, message, null));
        }
        else
        {
            stderr.WriteLine($"vmi: {message}");
        }

        return exitCode;
    }

    /// <summary>Reports field-level errors, each line prefixed with <paramref name="source"/> for people; returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string kind, IReadOnlyList<ValidationError> errors, string source)
    {
        if (json)
        {
            Write(new ErrorBody(kind, exitCode, string.Join("; ", errors), errors));
        }
        else
        {
            ErrorLines.Write(stderr, source, errors);
        }

        return exitCode;
    }

    private void Write(ErrorBody body) => stderr.WriteLine(JsonSerializer.Serialize(new { Error = body }, JsonOutput.Lines));

    private sealed record ErrorBody(string Kind, int ExitCode, string Message, IReadOnlyList<ValidationError>? Errors);
}
