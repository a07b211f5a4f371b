namespace VmiGrains.Domain.Telemetry;

/// <summary>Every window's stats at one instant; the first window is the default one.</summary>
public sealed class TelemetrySummary
{
    /// <summary>Creates a summary; <paramref name="windows"/> must start with the default window.</summary>
    public TelemetrySummary(DateTimeOffset at, IReadOnlyList<WindowSummary> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            throw new ArgumentException("at least the default window is required", nameof(windows));
        }

        At = at;
        Windows = windows;
    }

    /// <summary>An empty summary (no samples yet) with only the default window.</summary>
    public static TelemetrySummary Empty(DateTimeOffset at) =>
        new(at, [new WindowSummary(WindowSpec.DefaultName, new MetricStats[MetricNames.Count])]);

    /// <summary>The instant the summary describes.</summary>
    public DateTimeOffset At { get; }

    /// <summary>All windows, default first.</summary>
    public IReadOnlyList<WindowSummary> Windows { get; }

    /// <summary>The default window (what <c>vmi.metrics</c> shows).</summary>
    public WindowSummary Default => Windows[0];

    /// <summary>The window named <paramref name="name"/>, or null.</summary>
    public WindowSummary? Find(string name)
    {
        foreach (var w in Windows)
        {
            if (string.Equals(w.Name, name, StringComparison.Ordinal))
            {
                return w;
            }
        }

        return null;
    }
}
