using OpenTelemetry.Metrics;
using VmiGrains.Grains.Diagnostics;
using VmiGrains.Silo.Api;

namespace VmiGrains.Silo.Metrics;

/// <summary>
/// Exports the <c>VmiGrains</c> meter and the Orleans instruments <see cref="OrleansMetricViews"/> keeps
/// at <c>/metrics</c> in the Prometheus text format, through the OpenTelemetry SDK's Prometheus exporter.
/// </summary>
public static class MetricsExtensions
{
    /// <summary>
    /// Collects the meters and decorates the hypervisor and rule engine with timers and counters.
    /// Call after <c>UseOrleans</c>, so that the services to decorate are registered.
    /// </summary>
    public static WebApplicationBuilder AddVmiGrainsMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVmiGrainsMeteredServices();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(VmiGrainsMetrics.MeterName, OrleansMetricViews.MeterName)
            .AddView(OrleansMetricViews.Select)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps <c>/metrics</c>, readable with a read token (Prometheus: <c>authorization: { credentials: TOKEN }</c>).</summary>
    public static WebApplication MapVmiGrainsMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(ApiScopes.Read);
        return app;
    }
}
