namespace VmiGrains.Silo.Health;

/// <summary>One check of <c>/readyz</c>: what was checked, whether it is fine, and what was found.</summary>
/// <param name="Name">membership, storage:NAME or hypervisor:HOST.</param>
/// <param name="Ok">True when the part answers as it should.</param>
/// <param name="Detail">What was found (the failure's reason when not ok).</param>
/// <param name="Milliseconds">How long the check took.</param>
internal sealed record ReadinessCheck(string Name, bool Ok, string Detail, long Milliseconds);
