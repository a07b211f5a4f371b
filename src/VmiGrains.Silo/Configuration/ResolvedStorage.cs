namespace VmiGrains.Silo.Configuration;

/// <summary>
/// The effective settings of one grain storage after <c>Default</c> and the cluster's Redis
/// connection filled in what it left unset.
/// </summary>
/// <param name="Name">Storage name (<c>profiles</c>, <c>vmis</c>, <c>hosts</c>).</param>
/// <param name="Provider">Provider name as configured (validated separately).</param>
/// <param name="ConnectionString">The connection string, when the provider needs one.</param>
/// <param name="ConnectionKey">The configuration key the connection string came from, for error messages.</param>
/// <param name="TableName">Azure table name.</param>
/// <param name="ContainerName">Azure blob container name.</param>
internal sealed record ResolvedStorage(string Name, string Provider, string? ConnectionString, string ConnectionKey, string TableName, string ContainerName)
{
    /// <summary>Never prints the connection string.</summary>
    public override string ToString() => $"{Name}: {Provider}";
}
