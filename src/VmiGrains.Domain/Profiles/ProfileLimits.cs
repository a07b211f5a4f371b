namespace VmiGrains.Domain.Profiles;

/// <summary>Size limits of a profile document; each is named in the error that enforces it.</summary>
public static class ProfileLimits
{
    /// <summary>Largest accepted document, in UTF-8 bytes (256 KiB).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    /// <summary>Deepest accepted JSON nesting.</summary>
    public const int MaxDepth = 16;

    /// <summary>Longest <c>name</c>.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest <c>description</c>.</summary>
    public const int MaxDescriptionLength = 2048;

    /// <summary>Most entries in <c>application_priorities</c>.</summary>
    public const int MaxApplications = 128;

    /// <summary>Most scripts in <c>behavioral_rules</c>.</summary>
    public const int MaxRuleScripts = 32;

    /// <summary>Largest single rule script, in characters (64 KiB).</summary>
    public const int MaxRuleSourceLength = 64 * 1024;

    /// <summary>Most rules in <c>network_policy.rules</c>.</summary>
    public const int MaxNetworkRules = 256;

    /// <summary>Most labels.</summary>
    public const int MaxLabels = 64;

    /// <summary>Longest label value.</summary>
    public const int MaxLabelValueLength = 256;

    /// <summary>Most entries in <c>allowed_programs</c>.</summary>
    public const int MaxAllowedPrograms = 64;

    /// <summary>Longest entry in <c>allowed_programs</c>.</summary>
    public const int MaxProgramLength = 4096;

    /// <summary>Shortest <c>evaluation_interval</c>.</summary>
    public static readonly TimeSpan MinEvaluationInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest <c>evaluation_interval</c>.</summary>
    public static readonly TimeSpan MaxEvaluationInterval = TimeSpan.FromHours(1);

    /// <summary>Most entries in <c>observers.applications</c>.</summary>
    public const int MaxObservedApplications = 32;

    /// <summary>Longest bare name in <c>observers.applications</c>.</summary>
    public const int MaxObservedNameLength = 64;

    /// <summary>Most entries in <c>observers.syscalls.applications</c>: each traced process costs the guest a ptrace stop per system call.</summary>
    public const int MaxTracedApplications = 8;

    /// <summary>Most entries in <c>observers.syscalls.calls</c>.</summary>
    public const int MaxTracedCalls = 16;

    /// <summary>Most entries in <c>observers.syscalls.paths</c>.</summary>
    public const int MaxTracedPaths = 16;

    /// <summary>Shortest <c>observers.interval</c>: each poll is one guest-agent round trip or more.</summary>
    public static readonly TimeSpan MinObserverInterval = TimeSpan.FromSeconds(1);

    /// <summary>Longest <c>observers.interval</c>.</summary>
    public static readonly TimeSpan MaxObserverInterval = TimeSpan.FromHours(1);

    /// <summary>How far the four weights may sum away from 1.</summary>
    public const double WeightSumTolerance = 1e-6;
}
