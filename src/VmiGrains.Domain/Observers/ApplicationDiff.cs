using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Observers;

/// <summary>
/// Starts and stops of the observed applications between two process snapshots. A process is its pid
/// and the entry it matched: a pid in <c>after</c> only is an <c>app_start</c>, in <c>before</c> only an
/// <c>app_stop</c> (a pid reused by another observed app within one interval is a stop and a start).
/// A process that started and ended between two polls is not seen. Fields: <c>app</c> (the profile's
/// entry), <c>pid</c>, <c>user</c>, <c>uid</c>.
/// </summary>
public static class ApplicationDiff
{
    /// <summary>The events, stops first, each list in pid order.</summary>
    public static IReadOnlyList<TelemetryEvent> Diff(IReadOnlyList<GuestProcess> before, IReadOnlyList<GuestProcess> after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Select(Key).ToHashSet();
        var current = after.Select(Key).ToHashSet();
        var events = new List<TelemetryEvent>();
        events.AddRange(before.Where(p => !current.Contains(Key(p))).OrderBy(p => p.Pid).Select(p => Event(ObservedEventNames.AppStop, p, now)));
        events.AddRange(after.Where(p => !old.Contains(Key(p))).OrderBy(p => p.Pid).Select(p => Event(ObservedEventNames.AppStart, p, now)));
        return events;
    }

    private static (long, string) Key(GuestProcess p) => (p.Pid, p.App);

    private static TelemetryEvent Event(string name, GuestProcess p, DateTimeOffset at) =>
        new(at, name, new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["app"] = FieldValue.Of(p.App),
            ["pid"] = FieldValue.Of(p.Pid),
            ["user"] = FieldValue.Of(p.User),
            ["uid"] = FieldValue.Of(p.Uid),
        })
        { Source = EventSources.Applications };
}
