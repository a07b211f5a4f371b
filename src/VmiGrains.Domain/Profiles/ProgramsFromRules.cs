using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Rule: a profile whose rules may start programs in guests — behavioural rules together with a
/// non-empty <c>allowed_programs</c>, since <c>run(...)</c> may start any of them — is as powerful as
/// <c>vmi exec</c>, so defining it needs the <c>exec</c> scope as well as <c>write</c>. A profile
/// without rules, or without allowed programs, needs <c>write</c> only.
/// </summary>
public static class ProgramsFromRules
{
    /// <summary>Whether defining <paramref name="document"/> needs the exec scope.</summary>
    public static bool NeedsExec(ProfileDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.BehavioralRules.Count > 0 && document.AllowedPrograms is { Count: > 0 };
    }

    /// <summary>The refusal for a caller without the exec scope.</summary>
    public static string Refusal(string profileId) =>
        $"profile '{profileId}': its rules may start programs (behavioral_rules with allowed_programs), which needs scope exec as well as write; " +
        "define it with a token or client certificate that has exec, or remove allowed_programs (then vmi exec may start any program under it and rules none)";
}
