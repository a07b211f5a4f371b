using System.Globalization;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Make a system call fail with an errno for a while (chaos testing).</summary>
/// <param name="Syscall">The system call name, e.g. <c>write</c>.</param>
/// <param name="Errno">The errno name, one of <see cref="RuleActionValidator.Errnos"/>.</param>
/// <param name="Probability">Chance that one call fails, (0,1].</param>
/// <param name="Ttl">How long the fault lasts (required: faults always expire).</param>
/// <param name="App">Limit to one application, or null for the whole guest.</param>
public sealed record InjectSyscallFaultAction(string Syscall, string Errno, double Probability, TimeSpan Ttl, string? App) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.InjectSyscallFault;

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"inject_syscall_fault({Syscall}={Errno}, p={Probability}, ttl={Ttl.TotalSeconds}s{(App is null ? string.Empty : $", app={App}")})");
}
