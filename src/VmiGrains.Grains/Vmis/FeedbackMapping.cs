using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Vmis;

/// <summary>Validates client feedback and turns it into the domain's telemetry types.</summary>
internal static class FeedbackMapping
{
    /// <summary>
    /// How far in the VMI's future a timestamp may be. A sample from the far future would become every
    /// window's newest and freeze the VMI's last value and EWMA (later real samples look older).
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Most fields of one event.</summary>
    public const int MaxEventFields = 64;

    /// <summary>Longest field name or value of an event, in characters.</summary>
    public const int MaxFieldLength = 4096;

    public static void Validate(FeedbackBatch batch, DateTimeOffset now)
    {
        if (batch is null || batch.Samples is null || batch.Events is null)
        {
            throw new InvalidRequestException(new ValidationError("batch", "is missing samples or events", null, "send empty lists rather than null"));
        }

        for (var i = 0; i < batch.Samples.Count; i++)
        {
            var s = batch.Samples[i];
            Fraction(s.Cpu, $"samples[{i}].cpu");
            Fraction(s.Mem, $"samples[{i}].mem");
            Rate(s.NetRx, $"samples[{i}].net_rx");
            Rate(s.NetTx, $"samples[{i}].net_tx");
            Rate(s.IoRead, $"samples[{i}].io_read");
            Rate(s.IoWrite, $"samples[{i}].io_write");
            NotFuture(s.Timestamp, now, $"samples[{i}].timestamp");
        }

        for (var i = 0; i < batch.Events.Count; i++)
        {
            var e = batch.Events[i];
            if (string.IsNullOrWhiteSpace(e.Name) || e.Name.Length > 64 || !e.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new InvalidRequestException(new ValidationError($"events[{i}].name", "must be 1-64 letters, digits, '_', '-' or '.'", e.Name, "name events like login or app_start"));
            }

            NotFuture(e.Timestamp, now, $"events[{i}].timestamp");
            Fields(e.Fields, $"events[{i}].fields");
        }
    }

    /// <summary>
    /// The sample as the windows take it. A timestamp ahead of the VMI's clock (a sender whose clock is
    /// fast, within <see cref="MaxClockSkew"/> or from a host) is taken as now and counted: stamped in the
    /// future it would hold <c>last</c> and <c>ewma</c> until that time.
    /// </summary>
    public static TelemetrySample ToSample(FeedbackSample s, DateTimeOffset now) => new()
    {
        Timestamp = NotAhead(s.Timestamp, now),
        Cpu = s.Cpu ?? double.NaN,
        Mem = s.Mem ?? double.NaN,
        NetRx = s.NetRx ?? double.NaN,
        NetTx = s.NetTx ?? double.NaN,
        IoRead = s.IoRead ?? double.NaN,
        IoWrite = s.IoWrite ?? double.NaN,
    };

    public static TelemetryEvent ToEvent(FeedbackEvent e, DateTimeOffset now) =>
        new(e.Timestamp ?? now, e.Name, (e.Fields ?? new Dictionary<string, string>()).ToDictionary(f => f.Key, f => FieldValue.Of(f.Value), StringComparer.Ordinal));

    private static DateTimeOffset NotAhead(DateTimeOffset? timestamp, DateTimeOffset now)
    {
        if (timestamp is { } t && t > now)
        {
            VmiGrainsMetrics.ClampedTimestamps.Add(1);
            return now;
        }

        return timestamp ?? now;
    }

    private static void NotFuture(DateTimeOffset? timestamp, DateTimeOffset now, string path)
    {
        if (timestamp is { } t && t > now + MaxClockSkew)
        {
            throw new InvalidRequestException(new ValidationError(path, $"is more than {MaxClockSkew.TotalMinutes:0} minutes in the future of the VMI's clock ({now:O})",
                t.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "send the time the sample was measured, or omit it to use the VMI's clock; check the sender's clock"));
        }
    }

    private static void Fields(IReadOnlyDictionary<string, string>? fields, string path)
    {
        if (fields is null)
        {
            return;
        }

        if (fields.Count > MaxEventFields)
        {
            throw new InvalidRequestException(new ValidationError(path, $"has {fields.Count} fields; the limit is {MaxEventFields}", null, "send only the fields the rules read"));
        }

        foreach (var (key, value) in fields)
        {
            if (key is null || value is null || key.Length > MaxFieldLength || value.Length > MaxFieldLength)
            {
                throw new InvalidRequestException(new ValidationError($"{path}.{(key is null ? "?" : key.Length > 64 ? key[..64] + "…" : key)}",
                    $"field names and values must be at most {MaxFieldLength} characters, not null", value is null ? "null" : $"{value.Length} characters", "shorten the value or send it elsewhere"));
            }
        }
    }

    private static void Fraction(double? value, string path)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            throw new InvalidRequestException(new ValidationError(path, "must be a utilisation between 0 and 1", v.ToString(System.Globalization.CultureInfo.InvariantCulture), "send e.g. 0.85 for 85 %"));
        }
    }

    private static void Rate(double? value, string path)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0))
        {
            throw new InvalidRequestException(new ValidationError(path, "must be a non-negative number of bytes per second", v.ToString(System.Globalization.CultureInfo.InvariantCulture), "send the rate measured over the sample interval"));
        }
    }
}
