using System.Globalization;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;

namespace VmiGrains.Cli.Input;

/// <summary>
/// Reads the files the CLI is given (profiles, traces, assertions; <c>-</c> is standard input) as
/// bytes, at most <see cref="MaxBytes"/> of them (so <c>/dev/zero</c> is an error, not a hang), and
/// decodes them with <see cref="StrictJson"/>, the decoder the REST API uses: a file that is not
/// UTF-8 is an error line, not silently altered text.
/// </summary>
internal static class InputFile
{
    /// <summary>Largest file read (64 MiB): far above any profile (256 KiB) or realistic trace.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The file's text, or null with <paramref name="error"/> when it is too large or not valid UTF-8. I/O errors are thrown.</summary>
    public static string? TryRead(string path, out ValidationError? error)
    {
        using var stream = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Decode(ReadBounded(stream), out error);
    }

    /// <inheritdoc cref="TryRead"/>
    public static Task<(string? Text, ValidationError? Error)> TryReadAsync(string path)
    {
        // Synchronous on purpose: the files are small and bounded, and the commands read them before any network call.
        var text = TryRead(path, out var error);
        return Task.FromResult((text, error));
    }

    private static string? Decode(byte[]? bytes, out ValidationError? error)
    {
        if (bytes is null)
        {
            error = new ValidationError("$", string.Create(CultureInfo.InvariantCulture, $"the file is larger than {MaxBytes} bytes (64 MiB)"), null, "give a profile, trace or assertion file, not a device or a huge file");
            return null;
        }

        return StrictJson.TryDecode(bytes, out error);
    }

    /// <summary>Everything, or null when there is more than <see cref="MaxBytes"/>.</summary>
    private static byte[]? ReadBounded(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
