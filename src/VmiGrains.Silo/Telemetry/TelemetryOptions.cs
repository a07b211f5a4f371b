namespace VmiGrains.Silo.Telemetry;

/// <summary>Where traces go (section <c>VmiGrains:Telemetry</c>); metrics are scraped from <c>/metrics</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Telemetry";

    /// <summary>The OpenTelemetry SDK's own variable, honoured when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OTLP collector for traces (gRPC, e.g. <c>http://otel-collector:4317</c>); none (the default): no
    /// traces are recorded. Other exporter settings come from the <c>OTEL_EXPORTER_OTLP_*</c> variables.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Whether traces are exported: this section's endpoint or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static bool TracesConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:{nameof(OtlpEndpoint)}"])
            || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
    }
}
