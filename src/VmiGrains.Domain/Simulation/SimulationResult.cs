namespace VmiGrains.Domain.Simulation;

/// <summary>
/// What one policy did on one scenario: unmet demand (% of all memory and network demand), Jain's
/// index of weighted service in contended intervals (1 = served exactly its weighted fair share;
/// NaN when never contended), knob changes per VMI per hour, the median of the intervals until a newly busy VMI
/// is served 95 % of its fair share (NaN without such a VMI; a burst that ended first counts as infinity), and
/// how many VMI-intervals had a cap below the VMI's maximum while the host was not contended.
/// </summary>
public sealed record SimulationResult(
    string Scenario,
    string Policy,
    double UnmetPercent,
    double Fairness,
    double ChangesPerVmiHour,
    double IntervalsToFairShare,
    int UncontendedCaps);
