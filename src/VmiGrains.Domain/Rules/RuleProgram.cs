using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// The rules of one profile version: what the engine compiles once and evaluates many times.
/// <see cref="ProfileId"/> + <see cref="Version"/> identify the compiled form; a new version of a
/// profile is a new program.
/// </summary>
/// <param name="ProfileId">The profile's slug.</param>
/// <param name="Version">The profile version the rules belong to.</param>
/// <param name="Rules">The scripts, in evaluation order.</param>
public sealed record RuleProgram(string ProfileId, int Version, IReadOnlyList<RuleScript> Rules)
{
    /// <summary>The program of a profile document at <paramref name="version"/>.</summary>
    public static RuleProgram From(ProfileDocument profile, int version)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Id, version, profile.BehavioralRules);
    }
}
