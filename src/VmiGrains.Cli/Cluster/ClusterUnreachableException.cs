namespace VmiGrains.Cli.Cluster;

/// <summary>The CLI could not connect to any silo; the message says where it tried and what to do.</summary>
internal sealed class ClusterUnreachableException(string message) : Exception(message);
