using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Vmis;

/// <summary>Validates client feedback and turns it into the domain's telemetry types.</summary>
internal static class FeedbackMapping
{
    public static void Validate(FeedbackBatch batch)
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
        }

        for (var i = 0; i < batch.Events.Count; i++)
        {
            var e = batch.Events[i];
            if (string.IsNullOrWhiteSpace(e.Name) || e.Name.Length > 64 || !e.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new InvalidRequestException(new ValidationError($"events[{i}].name", "must be 1-64 letters, digits, '_', '-' or '.'", e.Name, "name events like login or app_start"));
            }
        }
    }

    public static TelemetrySample ToSample(FeedbackSample s, DateTimeOffset now) => new()
    {
        Timestamp = s.Timestamp ?? now,
        Cpu = s.Cpu ?? double.NaN,
        Mem = s.Mem ?? double.NaN,
        NetRx = s.NetRx ?? double.NaN,
        NetTx = s.NetTx ?? double.NaN,
        IoRead = s.IoRead ?? double.NaN,
        IoWrite = s.IoWrite ?? double.NaN,
    };

    public static TelemetryEvent ToEvent(FeedbackEvent e, DateTimeOffset now) =>
        new(e.Timestamp ?? now, e.Name, (e.Fields ?? new Dictionary<string, string>()).ToDictionary(f => f.Key, f => FieldValue.Of(f.Value), StringComparer.Ordinal));

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
