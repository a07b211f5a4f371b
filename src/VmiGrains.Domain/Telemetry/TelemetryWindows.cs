namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// The sliding windows of one VMI, shared by the grains and the offline dry-run. Memory is fixed
/// at construction (see <see cref="EstimatedBytes"/>): with <see cref="WindowSpec.Defaults"/>
/// about 8.2 KB. Time comes only from the samples' timestamps and the <c>now</c> passed to
/// <see cref="Summarize"/>, so results are deterministic. Not thread-safe (one grain turn at a time).
/// </summary>
public sealed class TelemetryWindows
{
    private readonly SlotWindow[] _windows;
    private readonly double _tauSeconds;
    private readonly double[] _last = new double[MetricNames.Count];
    private readonly double[] _ewma = new double[MetricNames.Count];
    private readonly long[] _lastTicks = new long[MetricNames.Count];

    /// <summary>Creates empty windows.</summary>
    /// <param name="specs">The windows; default <see cref="WindowSpec.Defaults"/>. The first must be named <c>default</c>.</param>
    /// <param name="ewmaTimeConstant">EWMA time constant; default 10 s.</param>
    public TelemetryWindows(IReadOnlyList<WindowSpec>? specs = null, TimeSpan? ewmaTimeConstant = null)
    {
        specs ??= WindowSpec.Defaults;
        var errors = WindowSpec.Validate(specs);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(specs));
        }

        _windows = [.. specs.Select(s => new SlotWindow(s))];
        _tauSeconds = (ewmaTimeConstant ?? TimeSpan.FromSeconds(10)).TotalSeconds;
        if (_tauSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ewmaTimeConstant), ewmaTimeConstant, "the EWMA time constant must be positive");
        }
    }

    /// <summary>Bytes held, including array headers.</summary>
    public int EstimatedBytes => 64 + (3 * (24 + (MetricNames.Count * 8))) + (24 + (8 * _windows.Length)) + _windows.Sum(w => w.EstimatedBytes);

    /// <summary>Adds a sample. Samples older than a slot already holds are dropped from that window.</summary>
    public void Add(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        foreach (var w in _windows)
        {
            w.Add(sample);
        }

        var ticks = sample.Timestamp.UtcTicks;
        for (var m = 0; m < MetricNames.Count; m++)
        {
            var v = sample[(MetricKind)m];
            if (double.IsNaN(v) || ticks < _lastTicks[m])
            {
                continue;
            }

            if (_lastTicks[m] == 0)
            {
                _ewma[m] = v;
            }
            else
            {
                var dt = (ticks - _lastTicks[m]) / (double)TimeSpan.TicksPerSecond;
                var alpha = 1 - Math.Exp(-dt / _tauSeconds);
                _ewma[m] += alpha * (v - _ewma[m]);
            }

            _last[m] = v;
            _lastTicks[m] = ticks;
        }
    }

    /// <summary>The stats of every window at <paramref name="now"/>.</summary>
    public TelemetrySummary Summarize(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        var result = new WindowSummary[_windows.Length];
        for (var w = 0; w < _windows.Length; w++)
        {
            var stats = new MetricStats[MetricNames.Count];
            for (var m = 0; m < MetricNames.Count; m++)
            {
                var s = _windows[w].Summarize(nowTicks, (MetricKind)m);
                stats[m] = s with { Last = _last[m], Ewma = _ewma[m] };
            }

            result[w] = new WindowSummary(_windows[w].Spec.Name, stats);
        }

        return new TelemetrySummary(now, result);
    }

    /// <summary>
    /// A compact binary checkpoint of every window (a few KB), so a grain can persist its windows on a
    /// timer and a re-activated VMI does not start blind. Format: version, window count, then each
    /// window's slots, then last/EWMA/time per metric.
    /// </summary>
    public byte[] Export()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(CheckpointVersion);
            writer.Write(_windows.Length);
            foreach (var w in _windows)
            {
                w.Write(writer);
            }

            for (var m = 0; m < MetricNames.Count; m++)
            {
                writer.Write(_last[m]);
                writer.Write(_ewma[m]);
                writer.Write(_lastTicks[m]);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Restores a checkpoint from <see cref="Export"/>; false when it was written with other window
    /// specs or is damaged (the windows are then left empty rather than half-restored).
    /// </summary>
    public bool Import(byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var backup = Export();
        try
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint));
            if (reader.ReadInt32() != CheckpointVersion || reader.ReadInt32() != _windows.Length || !_windows.All(w => w.Read(reader)))
            {
                Restore(backup);
                return false;
            }

            ReadMetrics(reader);
            return true;
        }
        catch (EndOfStreamException)
        {
            Restore(backup);
            return false;
        }
    }

    private void Restore(byte[] backup)
    {
        using var reader = new BinaryReader(new MemoryStream(backup));
        reader.ReadInt32();
        reader.ReadInt32();
        foreach (var w in _windows)
        {
            w.Read(reader);
        }

        ReadMetrics(reader);
    }

    private void ReadMetrics(BinaryReader reader)
    {
        for (var m = 0; m < MetricNames.Count; m++)
        {
            _last[m] = reader.ReadDouble();
            _ewma[m] = reader.ReadDouble();
            _lastTicks[m] = reader.ReadInt64();
        }
    }

    private const int CheckpointVersion = 1;
}
