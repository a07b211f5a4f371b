using System.Text.Json;
using System.Text.Json.Serialization;

namespace VmiGrains.Silo.Api;

/// <summary>
/// JSON of the REST API: snake_case names like the CLI's <c>-o json</c>, so scripts can switch
/// between the two; NaN and infinities (an empty telemetry window) as named literals.
/// </summary>
internal static class ApiJson
{
    /// <summary>The media type of request and response bodies.</summary>
    public const string MediaType = "application/json";

    /// <summary>Responses.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Request bodies: the same names, and an unknown member is an error naming it (a typo never passes silently).</summary>
    public static readonly JsonSerializerOptions Requests = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Applies the API's conventions to <paramref name="options"/> (also used for the host's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = Domain.Json.UnitAwareSnakeCase.Instance;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
