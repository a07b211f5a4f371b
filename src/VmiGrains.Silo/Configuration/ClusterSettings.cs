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

    /// <summary>Membership provider: <c>Localhost</c> (development, one machine) or <c>Redis</c> (production).</summary>
    public string Clustering { get; set; } = ProviderNames.Localhost;

    /// <summary>
    /// Redis connection string of the membership table (StackExchange.Redis syntax, e.g.
    /// <c>redis1:6379,password=…,ssl=true</c>). A secret: set it through the environment
    /// (<c>VMIGRAINS__CLUSTER__CONNECTIONSTRING</c>); it is never logged or echoed in errors.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The IP address other silos and clients use to reach this silo (Redis clustering). Empty: Orleans
    /// picks this machine's first non-loopback address. Localhost clustering always uses 127.0.0.1.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Listen on every local address instead of only <see cref="AdvertisedAddress"/> (behind NAT or in containers).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (the <c>vmi</c> CLI's <c>--gateway</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>For Localhost clustering with several silos on one machine: the first silo's port.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>HTTP endpoint of the REST API, dashboard and health checks.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// Run as a Kubernetes pod (<c>Microsoft.Orleans.Hosting.Kubernetes</c>): silo name, address and
    /// cluster identity come from the pod (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>,
    /// <c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c>), and silos whose pods are gone are declared
    /// dead. Needs Redis clustering.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// The Orleans dashboard at <c>/dashboard</c>: its grains and the per-silo statistics collectors that
    /// feed it. <c>false</c> leaves them out (they cost CPU on every silo); the fleet page <c>/fleet</c>,
    /// the REST API and <c>/metrics</c> stay.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// Let gateway clients that have every scope (read, write, exec) call Orleans' own management
    /// interfaces too (<c>IManagementGrain</c>, grain extensions such as migration), for operator tooling
    /// and tests. Off by default; the cluster's own protocol stays refused either way.
    /// </summary>
    public bool ClientManagement { get; set; }

    /// <summary>TLS between silos and clients (section <c>VmiGrains:Cluster:Tls</c>).</summary>
    public TlsSettings Tls { get; set; } = new();

    /// <summary>Failure detection (section <c>VmiGrains:Cluster:Membership</c>).</summary>
    public MembershipSettings Membership { get; set; } = new();
}
