namespace VmiGrains.Silo.Configuration;

/// <summary>
/// One grain storage (section <c>VmiGrains:Storage:NAME</c>, NAME one of <c>profiles</c>, <c>vmis</c>,
/// <c>hosts</c>, or <c>Default</c> for what the named ones leave unset).
/// </summary>
public sealed class GrainStorageSettings
{
    /// <summary><c>Memory</c> (development; lost on restart), <c>AzureTable</c>, <c>AzureBlob</c> or <c>Redis</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Azure Storage or Redis connection string. A secret: set it through the environment
    /// (<c>VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING</c>); never logged or echoed in errors.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure table for <c>AzureTable</c> (default <c>VmiGrainsState</c>).</summary>
    public string? TableName { get; set; }

    /// <summary>Blob container for <c>AzureBlob</c> (default <c>vmigrains-state</c>).</summary>
    public string? ContainerName { get; set; }
}
