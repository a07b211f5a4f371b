using System.Text.Encodings.Web;
using System.Text.Json;

namespace VmiGrains.Cli.Output;

/// <summary>The JSON settings of <c>-o json</c>: indented, snake_case-free (names are written as given), readable Unicode.</summary>
internal static class JsonOutput
{
    /// <summary>Shared serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
