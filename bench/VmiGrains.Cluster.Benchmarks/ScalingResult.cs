namespace VmiGrains.Cluster.Benchmarks;

/// <summary>What one silo count measured: every run's rate, and the CPU its runs used (all runs together).</summary>
internal sealed record ScalingResult(int Silos, int Vmis, IReadOnlyList<double> Ingest, CpuUsage IngestCpu, IReadOnlyList<double> Attach, CpuUsage AttachCpu);
