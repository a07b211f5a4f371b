using System.Net;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Checks <see cref="ClusterSettings"/> and lists every problem, each with the key, the value (never a
/// connection string's) and the fix.
/// </summary>
public static class ClusterSettingsValidator
{
    /// <summary>Known clustering providers.</summary>
    public static readonly IReadOnlyList<string> ClusteringProviders = ProviderNames.Clustering;

    /// <summary>Every problem, empty when the settings are usable.</summary>
    public static IReadOnlyList<string> Validate(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        const string s = ClusterSettings.SectionName;
        var errors = new List<string>();
        var clustering = ProviderNames.Canonical(ClusteringProviders, settings.Clustering);
        if (clustering is null)
        {
            errors.Add($"{s}:Clustering: unknown provider (got \"{settings.Clustering}\"){DidYouMean.Suggest(settings.Clustering, ClusteringProviders)}; use one of {string.Join(", ", ClusteringProviders)}");
        }

        if (clustering == ProviderNames.Redis)
        {
            if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            {
                errors.Add($"{s}:ConnectionString: required for Redis clustering (got nothing); set it, e.g. environment VMIGRAINS__CLUSTER__CONNECTIONSTRING=redis1:6379,password=…");
            }
            else if (ConnectionStrings.CheckRedis(settings.ConnectionString) is { } problem)
            {
                errors.Add($"{s}:ConnectionString: {problem} (value not shown); use HOST:PORT[,password=…][,ssl=true]");
            }
        }

        if (!string.IsNullOrWhiteSpace(settings.AdvertisedAddress) && !IPAddress.TryParse(settings.AdvertisedAddress, out _))
        {
            errors.Add($"{s}:AdvertisedAddress: not an IP address (got \"{settings.AdvertisedAddress}\"); give this machine's address other silos can reach, e.g. 10.0.0.5, or leave it empty");
        }

        if (settings.Kubernetes && clustering == ProviderNames.Localhost)
        {
            errors.Add($"{s}:Kubernetes: needs Redis clustering (got Clustering \"{settings.Clustering}\"); set {s}:Clustering=Redis and its ConnectionString, or Kubernetes=false");
        }

        Ports(errors, settings);
        errors.AddRange(TlsSettingsValidator.Validate(settings.Tls ?? new TlsSettings()));
        if (string.IsNullOrWhiteSpace(settings.ClusterId))
        {
            errors.Add($"{s}:ClusterId: must not be empty; e.g. vmigrains-prod");
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceId))
        {
            errors.Add($"{s}:ServiceId: must not be empty; e.g. vmigrains");
        }

        Membership(errors, settings.Membership ?? new MembershipSettings());
        return errors;
    }

    private static void Ports(List<string> errors, ClusterSettings settings)
    {
        const string s = ClusterSettings.SectionName;
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

        if (!Uri.TryCreate(settings.HttpUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{s}:HttpUrl: must be an absolute http(s) URL (got \"{settings.HttpUrl}\"); e.g. http://127.0.0.1:8080");
        }
        else if (url.Port == settings.SiloPort || url.Port == settings.GatewayPort)
        {
            var other = url.Port == settings.SiloPort ? "SiloPort" : "GatewayPort";
            errors.Add($"{s}:HttpUrl: port {url.Port} clashes with {other} (got \"{settings.HttpUrl}\"); give the HTTP endpoint its own port, e.g. http://127.0.0.1:8080");
        }
    }

    private static void Membership(List<string> errors, MembershipSettings m)
    {
        const string s = ClusterSettings.SectionName + ":Membership";
        Positive(errors, $"{s}:ProbeTimeout", m.ProbeTimeout, "00:00:02");
        Positive(errors, $"{s}:TableRefreshTimeout", m.TableRefreshTimeout, "00:00:02");
        Positive(errors, $"{s}:IAmAliveTablePublishTimeout", m.IAmAliveTablePublishTimeout, "00:00:05");
        if (m.NumMissedProbesLimit < 1)
        {
            errors.Add($"{s}:NumMissedProbesLimit: must be at least 1 (got {m.NumMissedProbesLimit}); e.g. 3");
        }

        if (m.NumVotesForDeathDeclaration < 1)
        {
            errors.Add($"{s}:NumVotesForDeathDeclaration: must be at least 1 (got {m.NumVotesForDeathDeclaration}); e.g. 2 (a cluster of two silos needs only one)");
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key}: must be a positive duration (got {value}); e.g. {example}");
        }
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{key}: must be a TCP port 1-65535 (got {port})");
        }
    }
}
