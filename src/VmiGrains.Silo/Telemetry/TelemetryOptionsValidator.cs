using Microsoft.Extensions.Options;

namespace VmiGrains.Silo.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/>: the endpoint, when given, is an absolute http(s) URL.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            || (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{TelemetryOptions.SectionName}:OtlpEndpoint: must be an absolute http or https URL (got \"{options.OtlpEndpoint}\"); e.g. http://otel-collector:4317, or leave it empty for no traces");
    }
}
