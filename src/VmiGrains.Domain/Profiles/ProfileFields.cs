namespace VmiGrains.Domain.Profiles;

/// <summary>
/// The JSON field names of a profile document, per object. The parser rejects anything else, and a
/// test keeps <c>docs/profile.schema.json</c> in step with these lists.
/// </summary>
public static class ProfileFields
{
    /// <summary>Fields of the document root (<c>$schema</c> is accepted for editors and ignored).</summary>
    public static readonly IReadOnlyList<string> Root =
    [
        "$schema", "id", "name", "description", "resource_weights", "application_priorities",
        "behavioral_rules", "network_policy", "evaluation_interval", "labels", "allowed_programs",
        "observers", "rollout_gate",
    ];

    /// <summary>Required fields of the document root.</summary>
    public static readonly IReadOnlyList<string> RootRequired = ["id", "name", "resource_weights"];

    /// <summary>Fields of <c>resource_weights</c>, all required.</summary>
    public static readonly IReadOnlyList<string> Weights = ["cpu", "ram", "network", "storage"];

    /// <summary>Fields of an explicit priority object.</summary>
    public static readonly IReadOnlyList<string> NicePriority = ["nice"];

    /// <summary>Fields of a named rule script.</summary>
    public static readonly IReadOnlyList<string> RuleScript = ["name", "source"];

    /// <summary>Fields of <c>network_policy</c>.</summary>
    public static readonly IReadOnlyList<string> NetworkPolicy = ["default", "rules"];

    /// <summary>Fields of one network rule.</summary>
    public static readonly IReadOnlyList<string> NetworkRule = ["direction", "protocol", "ports", "cidr", "action", "app"];

    /// <summary>Fields of <c>rollout_gate</c>: <c>metric</c> and at least one of the two maxima.</summary>
    public static readonly IReadOnlyList<string> RolloutGate = ["metric", "statistic", "max_increase", "max_increase_percent"];

    /// <summary>Accepted values of <c>rollout_gate.statistic</c>.</summary>
    public static readonly IReadOnlyList<string> GateStatistics = ["p95", "avg", "max"];

    /// <summary>Fields of <c>observers</c>; a further observer is one more field here.</summary>
    public static readonly IReadOnlyList<string> Observers = ["interval", "users", "applications", "syscalls"];

    /// <summary>Fields of <c>observers.syscalls</c>: applications and calls required, paths optional.</summary>
    public static readonly IReadOnlyList<string> SyscallObserver = ["applications", "calls", "paths"];

    /// <summary>The traced calls whose first string is a file name, the calls <c>observers.syscalls.paths</c> filters.</summary>
    public static readonly IReadOnlyList<string> FileCalls =
        ["open", "openat", "creat", "unlink", "unlinkat", "rename", "renameat", "renameat2", "chmod", "fchmodat", "chown", "fchownat"];

    /// <summary>
    /// The system calls <c>observers.syscalls.calls</c> may name: the ones an audit watches (programs
    /// started, connections, files changed, privileges, tracing, kernel modules), as strace names them.
    /// A closed list so that a typo is an error here, not a tracer that fails in the guest.
    /// </summary>
    public static readonly IReadOnlyList<string> TracedCalls =
    [
        "execve", "execveat", "fork", "vfork", "clone", "clone3", "kill", "ptrace",
        "socket", "connect", "bind", "listen", "accept", "accept4", "sendto",
        "open", "openat", "creat", "unlink", "unlinkat", "rename", "renameat", "renameat2", "chmod", "fchmodat", "chown", "fchownat",
        "setuid", "setgid", "setresuid", "setresgid", "mount", "umount2", "init_module", "finit_module", "delete_module", "memfd_create",
    ];

    /// <summary>Accepted values of <c>network_policy.default</c>.</summary>
    public static readonly IReadOnlyList<string> PolicyDefaults = ["allow", "deny"];

    /// <summary>Accepted values of a rule's <c>direction</c>.</summary>
    public static readonly IReadOnlyList<string> Directions = ["ingress", "egress"];

    /// <summary>Accepted values of a rule's <c>protocol</c>.</summary>
    public static readonly IReadOnlyList<string> Protocols = ["any", "tcp", "udp", "icmp"];

    /// <summary>Accepted values of a rule's <c>action</c>.</summary>
    public static readonly IReadOnlyList<string> Actions = ["allow", "deny", "reject"];
}
