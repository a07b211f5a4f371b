namespace VmiGrains.Domain.Telemetry;

/// <summary>The metrics a VMI reports; <see cref="MetricNames"/> gives their rule/JSON names.</summary>
public enum MetricKind
{
    /// <summary>CPU utilisation, 0..1 of the VMI's vCPUs (<c>cpu</c>).</summary>
    Cpu,

    /// <summary>Memory utilisation, 0..1 of the VMI's current memory (<c>mem</c>).</summary>
    Mem,

    /// <summary>Received bytes per second (<c>net_rx</c>).</summary>
    NetRx,

    /// <summary>Transmitted bytes per second (<c>net_tx</c>).</summary>
    NetTx,

    /// <summary>Bytes read from disk per second (<c>io_read</c>).</summary>
    IoRead,

    /// <summary>Bytes written to disk per second (<c>io_write</c>).</summary>
    IoWrite,
}
