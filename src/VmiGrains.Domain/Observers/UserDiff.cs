using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Observers;

/// <summary>
/// Logins and logouts between two <c>guest-get-users</c> snapshots. A user is identified by name and
/// domain (the agent lists each user once, however many sessions): a user in <c>after</c> only is a
/// <c>login</c>, in <c>before</c> only a <c>logout</c>. A user whose earliest login time moved forward
/// logged out and in again between the polls: <c>logout</c> then <c>login</c>. Fields: <c>user</c>,
/// <c>domain</c> (when set), <c>login_time</c> (Unix seconds).
/// </summary>
public static class UserDiff
{
    /// <summary>The events, logouts first, each list in name order.</summary>
    public static IReadOnlyList<TelemetryEvent> Diff(IReadOnlyList<GuestUser> before, IReadOnlyList<GuestUser> after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ByKey(before);
        var current = ByKey(after);
        var events = new List<TelemetryEvent>();
        foreach (var (key, user) in old.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!current.TryGetValue(key, out var still) || still.LoginTime > user.LoginTime)
            {
                events.Add(Event(ObservedEventNames.Logout, user, now));
            }
        }

        foreach (var (key, user) in current.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!old.TryGetValue(key, out var was) || user.LoginTime > was.LoginTime)
            {
                events.Add(Event(ObservedEventNames.Login, user, user.LoginTime > now ? now : user.LoginTime));
            }
        }

        return events;
    }

    private static Dictionary<string, GuestUser> ByKey(IReadOnlyList<GuestUser> users)
    {
        var map = new Dictionary<string, GuestUser>(StringComparer.Ordinal);
        foreach (var u in users)
        {
            var key = u.Domain is { } d ? $"{d}\\{u.Name}" : u.Name;
            if (!map.TryGetValue(key, out var seen) || u.LoginTime < seen.LoginTime)
            {
                map[key] = u;
            }
        }

        return map;
    }

    private static TelemetryEvent Event(string name, GuestUser user, DateTimeOffset at)
    {
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["user"] = FieldValue.Of(user.Name),
            ["login_time"] = FieldValue.Of(Math.Round(user.LoginTime.ToUnixTimeMilliseconds() / 1000.0, 3)),
        };
        if (user.Domain is { } domain)
        {
            fields["domain"] = FieldValue.Of(domain);
        }

        return new TelemetryEvent(at, name, fields) { Source = EventSources.Users };
    }
}
