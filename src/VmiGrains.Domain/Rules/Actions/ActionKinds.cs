namespace VmiGrains.Domain.Rules.Actions;

/// <summary>The names of the action helpers rules may call.</summary>
public static class ActionKinds
{
    /// <summary><c>switch_profile(id)</c>.</summary>
    public const string SwitchProfile = "switch_profile";

    /// <summary><c>set_weight(resource, value, {ttl=})</c>.</summary>
    public const string SetWeight = "set_weight";

    /// <summary><c>set_priority(app, level)</c>.</summary>
    public const string SetPriority = "set_priority";

    /// <summary><c>shape_network{delay_ms=, jitter_ms=, loss_pct=, rate_kbps=, ttl=}</c>.</summary>
    public const string ShapeNetwork = "shape_network";

    /// <summary><c>inject_syscall_fault{syscall=, errno=, probability=, ttl=, app=}</c>.</summary>
    public const string InjectSyscallFault = "inject_syscall_fault";

    /// <summary><c>emit(name, fields)</c>.</summary>
    public const string Emit = "emit";

    /// <summary><c>log(msg)</c>.</summary>
    public const string Log = "log";

    /// <summary><c>run(program, args, {app=, timeout=})</c>.</summary>
    public const string Run = "run";

    /// <summary>Every kind, for error messages.</summary>
    public static readonly IReadOnlyList<string> All = [SwitchProfile, SetWeight, SetPriority, ShapeNetwork, InjectSyscallFault, Emit, Log, Run];
}
