using System.Globalization;

namespace VmiGrains.Abstractions.Grains;

/// <summary>Ids of new rollouts: <c>PROFILE-yyyyMMdd-HHmmss-XXXX</c>, readable and unique enough to never clash.</summary>
public static class RolloutIds
{
    /// <summary>A new id for a rollout of <paramref name="profileId"/> started at <paramref name="now"/>.</summary>
    public static string New(string profileId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{profileId}-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
