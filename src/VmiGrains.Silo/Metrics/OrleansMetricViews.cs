using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace VmiGrains.Silo.Metrics;

/// <summary>
/// Which of Orleans' instruments <c>/metrics</c> exports, and how. Rule: an Orleans instrument is
/// exported only if it is listed here, with the HELP text given and only the listed tags; every other
/// one is dropped. Orleans' instruments carry no description, time and memory in ms and MB (which a
/// view cannot convert), PascalCase tags and the remote silo's address with its restart generation
/// (a new series on every restart), so the unlisted ones would fail <c>promtool check metrics</c>.
/// Kept: what an operator alerts on or sizes with, counted in base units. Not kept either: Orleans'
/// gateway client count, a counter it also decrements, which Prometheus would read as counter resets.
/// </summary>
internal static class OrleansMetricViews
{
    /// <summary>Orleans' meter: grain calls, activations, messaging, membership.</summary>
    public const string MeterName = "Microsoft.Orleans";

    private static readonly string[] None = [];

    private static readonly Dictionary<string, (string Help, string[] Tags)> Kept = new(StringComparer.Ordinal)
    {
        ["orleans-catalog-activations"] = ("Grain activations on this silo, by grain type", ["grain_type"]),
        ["orleans-catalog-activation-created"] = ("Grain activations created on this silo", None),
        ["orleans-catalog-activation-failed-to-activate"] = ("Grain activations that failed to activate", None),
        ["orleans-app-requests-timedout"] = ("Grain calls that timed out", None),
        ["orleans-messaging-sent-failed"] = ("Messages this silo failed to send", None),
        ["orleans-messaging-sent-dropped"] = ("Messages this silo dropped before sending them", None),
        ["orleans-messaging-rejected"] = ("Messages rejected by this silo", None),
        ["orleans-messaging-expired"] = ("Messages that expired before they were processed", None),
        ["orleans-messaging-pings-reply-missed"] = ("Membership probes of other silos that got no reply", None),
        ["orleans-watchdog-health-checks-failed"] = ("Failed health checks of this silo's watchdog", None),
        ["orleans-scheduler-long-running-turns"] = ("Grain turns that ran longer than Orleans' warning threshold", None),
        ["orleans-storage-read-errors"] = ("Grain state reads that failed", ["provider_type_name", "state_name"]),
        ["orleans-storage-write-errors"] = ("Grain state writes that failed", ["provider_type_name", "state_name"]),
        ["orleans-directory-ring-size"] = ("Silos in this silo's grain directory ring", None),
    };

    /// <summary>The Orleans instrument names exported (before the exporter's snake_case and suffixes).</summary>
    public static IEnumerable<string> Names => Kept.Keys;

    /// <summary>The view for <paramref name="instrument"/>: null (the default) for other meters.</summary>
    public static MetricStreamConfiguration? Select(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Meter.Name != MeterName)
        {
            return null;
        }

        return Kept.TryGetValue(instrument.Name, out var kept)
            ? new MetricStreamConfiguration { Description = kept.Help, TagKeys = kept.Tags }
            : MetricStreamConfiguration.Drop;
    }
}
