namespace VmiGrains.Silo.Clustering;

/// <summary>The silo refuses to join: its clock is too far from the membership store's (the message says by how much and what to do).</summary>
internal sealed class ClockSkewException(string message) : Exception(message);
