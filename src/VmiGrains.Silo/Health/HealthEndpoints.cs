namespace VmiGrains.Silo.Health;

/// <summary><c>/healthz</c> (liveness: the process serves HTTP) and <c>/readyz</c> (readiness: see <see cref="ReadinessProbe"/>).</summary>
internal static class HealthEndpoints
{
    public static WebApplicationBuilder AddVmiGrainsHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReadinessProbe>();
        return builder;
    }

    public static WebApplication MapVmiGrainsHealth(this WebApplication app)
    {
        // Probes, not API: left out of the OpenAPI document.
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapGet("/readyz", async (ReadinessProbe probe, CancellationToken cancellationToken) =>
        {
            var checks = await probe.CheckAsync(cancellationToken);
            var ready = checks.All(c => c.Ok);
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }
}
