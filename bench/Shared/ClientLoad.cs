using System.Diagnostics;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Benchmarking;

/// <summary>
/// Load through the client API over VMIs <c>0..vmis−1</c> of <see cref="BenchVmis"/>, shared by the
/// one-silo and the cluster benchmarks. Loops stop on a Stopwatch deadline (timers fire late under
/// saturation; FIELD-NOTES).
/// </summary>
internal static class ClientLoad
{
    /// <summary>Samples per second over <paramref name="duration"/>, batches of <paramref name="batch"/> from <paramref name="concurrency"/> callers.</summary>
    public static async Task<double> IngestAsync(IClusterClient client, int vmis, TimeSpan duration, int batch, int concurrency)
    {
        var samples = Enumerable.Range(0, batch).Select(i => new FeedbackSample { Cpu = 0.3 + (i % 10 * 0.01), Mem = 0.4, NetRx = 1e5, NetTx = 5e4 }).ToArray();
        var payload = new FeedbackBatch(samples, []);
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var next = w;
            while (clock.Elapsed < duration)
            {
                await client.GetGrain<IVmiGrain>(BenchVmis.Id(next % vmis)).IngestAsync(payload);
                Interlocked.Add(ref sent, batch);
                next += concurrency;
            }
        });
        await Task.WhenAll(workers);
        return sent / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Attaches <paramref name="profileId"/>, waiting for the host's one-way registration of the VMI.</summary>
    public static async Task AttachAsync(IVmiGrain vmi, string profileId)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await vmi.ApplyProfileAsync(profileId);
                return;
            }
            catch (InvalidRequestException) when (attempt < 100)
            {
                await Task.Delay(50); // registration is one-way from the host; wait for it
            }
        }
    }
}
