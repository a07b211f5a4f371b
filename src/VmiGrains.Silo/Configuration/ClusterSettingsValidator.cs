namespace VmiGrains.Silo.Configuration;

/// <summary>Checks <see cref="ClusterSettings"/> and lists every problem, each with the key and the fix.</summary>
public static class ClusterSettingsValidator
{
    /// <summary>Known clustering providers.</summary>
    public static readonly IReadOnlyList<string> ClusteringProviders = ["Localhost"];

    /// <summary>Every problem, empty when the settings are usable.</summary>
    public static IReadOnlyList<string> Validate(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        const string s = ClusterSettings.SectionName;
        var errors = new List<string>();
        if (!ClusteringProviders.Contains(settings.Clustering))
        {
            errors.Add($"{s}:Clustering: unknown provider (got \"{settings.Clustering}\"); use one of {string.Join(", ", ClusteringProviders)}");
        }

        Port(errors, $"{s}:SiloPort", settings.SiloPort);
        Port(errors, $"{s}:GatewayPort", settings.GatewayPort);
        if (settings.SiloPort == settings.GatewayPort)
        {
            errors.Add($"{s}:GatewayPort: clashes with SiloPort (both {settings.SiloPort}); give the gateway its own port, e.g. 30000");
        }

        if (settings.PrimarySiloPort is { } primary)
        {
            Port(errors, $"{s}:PrimarySiloPort", primary);
        }

        if (string.IsNullOrWhiteSpace(settings.ClusterId))
        {
            errors.Add($"{s}:ClusterId: must not be empty; e.g. vmigrains-prod");
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceId))
        {
            errors.Add($"{s}:ServiceId: must not be empty; e.g. vmigrains");
        }

        if (!Uri.TryCreate(settings.HttpUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{s}:HttpUrl: must be an absolute http(s) URL (got \"{settings.HttpUrl}\"); e.g. http://127.0.0.1:8080");
        }

        return errors;
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{key}: must be a TCP port 1-65535 (got {port})");
        }
    }
}
