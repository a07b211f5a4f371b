namespace VmiGrains.Cli.Cluster;

/// <summary>The client's own settings (environment, e.g. <c>VMIGRAINS_TLS_CA</c>) are wrong: invalid input, not an unreachable cluster.</summary>
internal sealed class ClientConfigurationException(string message) : Exception(message);
