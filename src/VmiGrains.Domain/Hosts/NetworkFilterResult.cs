namespace VmiGrains.Domain.Hosts;

/// <summary>The outcome of installing or removing a hypervisor-side network filter on a VMI's interfaces.</summary>
/// <param name="Outcome">Applied, Unsupported (the driver has no network filters) or Failed.</param>
/// <param name="Message">Why it was not applied; null when it was.</param>
public sealed record NetworkFilterResult(KnobOutcome Outcome, string? Message);
