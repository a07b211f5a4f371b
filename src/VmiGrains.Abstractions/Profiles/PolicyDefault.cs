namespace VmiGrains.Abstractions.Profiles;

/// <summary>What happens to traffic no rule matched.</summary>
public enum PolicyDefault
{
    /// <summary>Accept it.</summary>
    Allow,

    /// <summary>Drop it silently.</summary>
    Deny,
}
