namespace VmiGrains.Silo.Configuration;

/// <summary>Everything the silo needs to join its cluster and reach its storage, read once at start-up.</summary>
/// <param name="Cluster">Section <c>VmiGrains:Cluster</c>.</param>
/// <param name="Storage">Section <c>VmiGrains:Storage</c>.</param>
internal sealed record SiloSettings(ClusterSettings Cluster, StorageSettings Storage)
{
    /// <summary>Reads both sections from <paramref name="configuration"/>.</summary>
    public static SiloSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        return new SiloSettings(cluster, StorageSettings.Load(configuration));
    }

    /// <summary>
    /// Every problem in both sections, then — only when the ports themselves are sound — every
    /// configured port that another process already holds (<paramref name="portInUse"/>).
    /// </summary>
    public IReadOnlyList<string> Validate(Func<int, bool>? portInUse = null)
    {
        var errors = new List<string>(ClusterSettingsValidator.Validate(Cluster));
        errors.AddRange(StorageSettingsValidator.Validate(Storage, Cluster));
        if (errors.Count == 0 && portInUse is not null)
        {
            const string s = ClusterSettings.SectionName;
            var http = new Uri(Cluster.HttpUrl).Port;
            foreach (var (key, port) in new[] { ("SiloPort", Cluster.SiloPort), ("GatewayPort", Cluster.GatewayPort), ("HttpUrl", http) })
            {
                if (portInUse(port))
                {
                    errors.Add($"{s}:{key}: port {port} is already in use by another process; stop it or choose a free port (another silo on this machine needs its own SiloPort, GatewayPort and HttpUrl)");
                }
            }
        }

        return errors;
    }
}
