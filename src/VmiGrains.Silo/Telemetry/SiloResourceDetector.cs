using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OpenTelemetry.Resources;

namespace VmiGrains.Silo.Telemetry;

/// <summary>
/// <c>service.instance.id</c> = the silo's name, resolved when the telemetry providers start (after
/// Orleans' options are configured): stable across restarts, unlike the silo address, whose
/// generation changes on every start.
/// </summary>
internal sealed class SiloResourceDetector(IOptions<SiloOptions> silo) : IResourceDetector
{
    public Resource Detect() =>
        new([new KeyValuePair<string, object>("service.instance.id", silo.Value.SiloName)]);
}
