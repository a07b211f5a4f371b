using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;

namespace VmiGrains.Cli.Input;

/// <summary>
/// Reads the files the CLI is given (profiles, traces, assertions; <c>-</c> is standard input) as
/// bytes and decodes them with <see cref="StrictJson"/>, the decoder the REST API uses, so a file
/// that is not UTF-8 is an error line, not silently altered text.
/// </summary>
internal static class InputFile
{
    /// <summary>The file's text, or null with <paramref name="error"/> when it is not valid UTF-8. I/O errors are thrown.</summary>
    public static string? TryRead(string path, out ValidationError? error)
    {
        byte[] bytes;
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        else
        {
            bytes = File.ReadAllBytes(path);
        }

        return StrictJson.TryDecode(bytes, out error);
    }

    /// <inheritdoc cref="TryRead"/>
    public static async Task<(string? Text, ValidationError? Error)> TryReadAsync(string path)
    {
        if (path == "-")
        {
            var text = TryRead(path, out var stdinError);
            return (text, stdinError);
        }

        var decoded = StrictJson.TryDecode(await File.ReadAllBytesAsync(path), out var error);
        return (decoded, error);
    }
}
