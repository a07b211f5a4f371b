namespace VmiGrains.Abstractions.Profiles;

/// <summary>What a matching network rule does.</summary>
public enum RuleAction
{
    /// <summary>Accept.</summary>
    Allow,

    /// <summary>Drop silently.</summary>
    Deny,

    /// <summary>Refuse with a TCP reset or ICMP unreachable.</summary>
    Reject,
}
