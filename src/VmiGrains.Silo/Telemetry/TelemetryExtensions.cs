using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VmiGrains.Silo.Metrics;

namespace VmiGrains.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo: one resource (<c>service.name</c> <c>vmigrains-silo</c>,
/// <c>service.instance.id</c> the silo name) for metrics at <c>/metrics</c> and, when an OTLP endpoint
/// is configured, traces of Orleans' activity sources and of ASP.NET Core requests.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The <c>service.name</c> of every silo.</summary>
    public const string ServiceName = "vmigrains-silo";

    /// <summary>
    /// Registers the resource, the metrics (<c>AddVmiGrainsMetrics</c>) and the
    /// traces when <see cref="TelemetryOptions.TracesConfigured"/>. Call after <c>UseOrleans</c>.
    /// </summary>
    public static WebApplicationBuilder AddVmiGrainsTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var version = typeof(TelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r
            .AddService(ServiceName, serviceVersion: version, autoGenerateServiceInstanceId: false)
            .AddDetector(sp => new SiloResourceDetector(sp.GetRequiredService<IOptions<SiloOptions>>())));
        builder.AddVmiGrainsMetrics();
        if (TelemetryOptions.TracesConfigured(builder.Configuration))
        {
            // An endpoint that is not a URL is left to the validator, which refuses the start naming it.
            var endpoint = builder.Configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpEndpoint)}"];
            telemetry.WithTracing(tracing => tracing
                .AddSource(ActivitySources.AllActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
                    {
                        otlp.Endpoint = uri;
                    }
                }));
        }

        return builder;
    }

    /// <summary>Carries the trace context through grain calls when traces are exported; nothing otherwise.</summary>
    public static ISiloBuilder AddVmiGrainsTracing(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return TelemetryOptions.TracesConfigured(configuration) ? silo.AddActivityPropagation() : silo;
    }
}
