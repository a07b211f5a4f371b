namespace VmiGrains.Rules.Replay;

/// <summary>The outcome of a dry-run: the decision trace and how far it got.</summary>
/// <param name="Steps">Actions, errors and disabled rules, in time order.</param>
/// <param name="Ticks">How many <c>on_tick</c> evaluations ran.</param>
/// <param name="Events">How many events were replayed.</param>
/// <param name="FinalProfile">The profile the VMI would be on at the end.</param>
public sealed record ReplayResult(IReadOnlyList<ReplayStep> Steps, int Ticks, int Events, string FinalProfile);
