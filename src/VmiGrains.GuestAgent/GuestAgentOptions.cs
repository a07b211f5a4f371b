namespace VmiGrains.GuestAgent;

/// <summary>Guest-agent client settings (section <c>VmiGrains:GuestAgent</c>).</summary>
public sealed class GuestAgentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:GuestAgent";

    /// <summary>How long one agent command (including connect and sync) may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many bytes of each output stream are kept; the rest is cut with a marker.</summary>
    public int MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest reply line accepted from the agent (qemu-ga itself caps each stream at 16 MiB, base64 adds a third).</summary>
    public int MaxReplyBytes { get; set; } = 48 * 1024 * 1024;

    /// <summary>
    /// The shortest delay between <c>guest-exec-status</c> polls in RunAsync. Later delays are an eighth of the
    /// time the program has run so far, up to <see cref="PollMaxDelay"/>: a program's exit is seen at most about
    /// 12 % after it (a 0.5 s observer script: within ~60 ms), and a long one costs at most one poll per max delay.
    /// </summary>
    public TimeSpan PollInitialDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest delay between <c>guest-exec-status</c> polls.</summary>
    public TimeSpan PollMaxDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after its time limit RunAsync still waits for a program before terminating it and reporting a timeout.</summary>
    public TimeSpan TimeoutGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Dev/test: the qemu-ga unix socket of a VMI, by VMI id. Not for VMs libvirt manages: libvirt holds that socket itself.</summary>
    public Dictionary<string, string> SocketPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Dev/test: a socket path with <c>{vmi}</c> standing for the VMI id, used when <see cref="SocketPaths"/> has no entry.</summary>
    public string? SocketPathTemplate { get; set; }
}
