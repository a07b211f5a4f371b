namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// One sliding window over all metrics, as a ring of fixed time slots. Rule: a sample goes into
/// slot <c>floor(t / slotLength) mod Slots</c>; a slot whose stored slot number is older than the
/// sample's is cleared first; a sample older than what the slot holds is dropped. A query at time
/// <c>now</c> uses only slots whose number lies in <c>(now/slotLength − Slots, now/slotLength]</c>,
/// so reads never mutate and results depend only on the samples and <c>now</c>.
/// Memory: 8 bytes per slot + 10 bytes per slot per metric (float sum, float max, ushort count).
/// </summary>
internal sealed class SlotWindow
{
    private readonly long _slotTicks;
    private readonly long[] _slotIds;
    private readonly float[] _sums;
    private readonly float[] _maxes;
    private readonly ushort[] _counts;

    public SlotWindow(WindowSpec spec)
    {
        Spec = spec;
        _slotTicks = spec.Duration.Ticks / spec.Slots;
        _slotIds = new long[spec.Slots];
        _sums = new float[spec.Slots * MetricNames.Count];
        _maxes = new float[spec.Slots * MetricNames.Count];
        _counts = new ushort[spec.Slots * MetricNames.Count];
    }

    public WindowSpec Spec { get; }

    /// <summary>Bytes held by this window, including array headers.</summary>
    public int EstimatedBytes => 48 + (4 * 24) + (_slotIds.Length * 8) + (_sums.Length * 10);

    public void Add(TelemetrySample sample)
    {
        var id = (sample.Timestamp.UtcTicks / _slotTicks) + 1;
        var pos = (int)((id - 1) % _slotIds.Length);
        if (_slotIds[pos] != id)
        {
            if (id < _slotIds[pos])
            {
                return;
            }

            _slotIds[pos] = id;
            var start = pos * MetricNames.Count;
            Array.Clear(_sums, start, MetricNames.Count);
            Array.Clear(_maxes, start, MetricNames.Count);
            Array.Clear(_counts, start, MetricNames.Count);
        }

        for (var m = 0; m < MetricNames.Count; m++)
        {
            var v = sample[(MetricKind)m];
            if (double.IsNaN(v))
            {
                continue;
            }

            var cell = (pos * MetricNames.Count) + m;
            var n = _counts[cell];
            _maxes[cell] = n == 0 ? (float)v : Math.Max(_maxes[cell], (float)v);
            _sums[cell] += (float)v;
            if (n < ushort.MaxValue)
            {
                _counts[cell] = (ushort)(n + 1);
            }
        }
    }

    /// <summary>Stats of <paramref name="metric"/> at <paramref name="nowTicks"/>; Last/Ewma are filled by the caller.</summary>
    public MetricStats Summarize(long nowTicks, MetricKind metric)
    {
        var nowId = (nowTicks / _slotTicks) + 1;
        var slots = _slotIds.Length;
        Span<double> means = stackalloc double[slots];
        Span<double> xs = stackalloc double[slots];
        var used = 0;
        var count = 0;
        var sum = 0d;
        var max = double.MinValue;
        for (var pos = 0; pos < slots; pos++)
        {
            var id = _slotIds[pos];
            if (id == 0 || id > nowId || id <= nowId - slots)
            {
                continue;
            }

            var cell = (pos * MetricNames.Count) + (int)metric;
            var n = _counts[cell];
            if (n == 0)
            {
                continue;
            }

            count += n;
            sum += _sums[cell];
            max = Math.Max(max, _maxes[cell]);
            means[used] = _sums[cell] / n;
            xs[used] = (id - nowId) * (double)_slotTicks / TimeSpan.TicksPerSecond;
            used++;
        }

        if (count == 0)
        {
            return default;
        }

        return new MetricStats(0, sum / count, P95(means[..used]), max, 0, Slope(xs[..used], means[..used]), count);
    }

    private static double P95(Span<double> values)
    {
        values.Sort();
        var rank = (int)Math.Ceiling(0.95 * values.Length);
        return values[Math.Clamp(rank - 1, 0, values.Length - 1)];
    }

    private static double Slope(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (xs.Length < 2)
        {
            return 0;
        }

        double mx = 0, my = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            mx += xs[i];
            my += ys[i];
        }

        mx /= xs.Length;
        my /= xs.Length;
        double num = 0, den = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            num += (xs[i] - mx) * (ys[i] - my);
            den += (xs[i] - mx) * (xs[i] - mx);
        }

        return den == 0 ? 0 : num / den;
    }

    /// <summary>Writes the slots (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_slotTicks);
        writer.Write(_slotIds.Length);
        foreach (var id in _slotIds)
        {
            writer.Write(id);
        }

        for (var i = 0; i < _sums.Length; i++)
        {
            writer.Write(_sums[i]);
            writer.Write(_maxes[i]);
            writer.Write(_counts[i]);
        }
    }

    /// <summary>Reads slots written by <see cref="Write"/>; false (and nothing changed) when the shape differs.</summary>
    public bool Read(BinaryReader reader)
    {
        if (reader.ReadInt64() != _slotTicks || reader.ReadInt32() != _slotIds.Length)
        {
            return false;
        }

        for (var i = 0; i < _slotIds.Length; i++)
        {
            _slotIds[i] = reader.ReadInt64();
        }

        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] = reader.ReadSingle();
            _maxes[i] = reader.ReadSingle();
            _counts[i] = reader.ReadUInt16();
        }

        return true;
    }
}
