using System.Globalization;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// A simulated network condition on traffic to a VMI (the <c>shape_network</c> action):
/// <paramref name="DelayMs"/> and <paramref name="JitterMs"/> in milliseconds, <paramref name="LossPercent"/>
/// in percent, <paramref name="RateKbit"/> in kbit/s. Null fields are not simulated.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ShapingSpec")]
public sealed record ShapingSpec(
    [property: Id(0)] double? DelayMs,
    [property: Id(1)] double? JitterMs,
    [property: Id(2)] double? LossPercent,
    [property: Id(3)] long? RateKbit)
{
    /// <summary>Largest delay accepted (60 s): more is a disconnect, not a condition.</summary>
    public const double MaxDelayMs = 60_000;

    /// <summary>Smallest rate accepted: below 8 kbit/s a single full-size packet takes over a second.</summary>
    public const long MinRateKbit = 8;

    /// <summary>Largest rate accepted (100 Gbit/s).</summary>
    public const long MaxRateKbit = 100_000_000;

    /// <summary>True when delay or jitter is asked for (these need the kernel's netem qdisc).</summary>
    public bool NeedsNetem => DelayMs is > 0 || JitterMs is > 0;

    /// <summary>Every problem with this spec, paths under <paramref name="path"/>; empty when valid.</summary>
    public IReadOnlyList<ValidationError> Validate(string path = "shape_network")
    {
        var errors = new List<ValidationError>();
        if (DelayMs is null && JitterMs is null && LossPercent is null && RateKbit is null)
        {
            errors.Add(new ValidationError(path, "sets nothing", "{}", "set at least one of delay, jitter, loss, rate"));
        }

        if (DelayMs is { } delay && (double.IsNaN(delay) || delay is < 0 or > MaxDelayMs))
        {
            errors.Add(Error($"{path}.delay", delay, $"use milliseconds from 0 to {MaxDelayMs}"));
        }

        if (JitterMs is { } jitter && (double.IsNaN(jitter) || jitter < 0 || jitter > (DelayMs ?? 0)))
        {
            errors.Add(Error($"{path}.jitter", jitter, "use milliseconds from 0 up to delay (jitter needs a delay to vary)"));
        }

        if (LossPercent is { } loss && (double.IsNaN(loss) || loss is < 0 or > 100))
        {
            errors.Add(Error($"{path}.loss", loss, "use a percentage from 0 to 100"));
        }

        if (RateKbit is { } rate && rate is < MinRateKbit or > MaxRateKbit)
        {
            errors.Add(Error($"{path}.rate", rate, $"use kbit/s from {MinRateKbit} to {MaxRateKbit}"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="NetworkConfigurationException"/> with every problem.</summary>
    public void ThrowIfInvalid(string path = "shape_network")
    {
        var errors = Validate(path);
        if (errors.Count > 0)
        {
            throw new NetworkConfigurationException(errors);
        }
    }

    private static ValidationError Error(string path, double value, string fix) =>
        new(path, "out of range", value.ToString(CultureInfo.InvariantCulture), fix);
}
