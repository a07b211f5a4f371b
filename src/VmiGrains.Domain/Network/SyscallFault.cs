namespace VmiGrains.Domain.Network;

/// <summary>
/// The <c>inject_syscall_fault</c> action: make <paramref name="Syscall"/> fail with
/// <paramref name="Errno"/> in a program started by the trigger API.
/// </summary>
/// <param name="Syscall">A syscall name (<c>openat</c>), a comma-separated list, or an strace class such as <c>%file</c>.</param>
/// <param name="Errno">The error name, e.g. <c>ENOENT</c>.</param>
/// <param name="When">Which calls fail, strace's <c>when=</c> syntax: <c>N</c> (only the Nth), <c>N+</c> (from the Nth on), <c>N+S</c> (every Sth from the Nth), <c>N..M</c>; null for every call.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.SyscallFault")]
public sealed record SyscallFault(
    [property: Id(0)] string Syscall,
    [property: Id(1)] string Errno,
    [property: Id(2)] string? When = null);
