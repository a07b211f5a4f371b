namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// The silo of a hypervisor host is not in the cluster (down, restarting, or never started), so
/// nothing on that host can be changed now. Retried automatically when the host returns.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.HypervisorUnavailableException")]
public sealed class HypervisorUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="host"/>.</summary>
    public HypervisorUnavailableException(string host)
        : base($"host '{host}' is unavailable: no silo for it is active in the cluster; start the silo on {host} (VmiGrains:Host:Name={host}) or check 'vmi host list'")
    {
        Host = host;
    }

    /// <summary>The host whose silo is missing.</summary>
    [Id(0)] public string Host { get; }
}
