namespace VmiGrains.Silo.Configuration;

/// <summary>How this silo joins its cluster (section <c>VmiGrains:Cluster</c>).</summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Cluster";

    /// <summary>Orleans cluster id; silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "vmigrains-dev";

    /// <summary>Orleans service id; keep it stable across deployments so stored state stays readable.</summary>
    public string ServiceId { get; set; } = "vmigrains";

    /// <summary>Membership provider: <c>Localhost</c> (development, one machine).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (the <c>vmi</c> CLI's <c>--gateway</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>For Localhost clustering with several silos on one machine: the first silo's port.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>HTTP endpoint of the REST API, dashboard and health checks.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:8080";
}
