namespace VmiGrains.Domain.Hosts;

/// <summary>The answer to a guest-agent command passed through the hypervisor.</summary>
/// <param name="Outcome">Applied (a reply came back), Unsupported (no agent path on this driver) or Failed.</param>
/// <param name="Json">The agent's JSON reply when <paramref name="Outcome"/> is Applied.</param>
/// <param name="Message">Why there is no reply.</param>
public sealed record GuestAgentReply(KnobOutcome Outcome, string? Json, string? Message);
