using System.Globalization;
using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Builds <c>strace -f -qq -o /dev/null -e inject=SYSCALL:error=ERRNO[:when=N] -- PROGRAM ARGS</c>,
/// which runs the program (and its children, <c>-f</c>) with the chosen calls failing. The trace
/// itself goes to /dev/null so the program's own stdout/stderr stay what the caller reads.
/// </summary>
public static partial class StraceCommandBuilder
{
    /// <summary>strace's syscall classes that <see cref="SyscallFault.Syscall"/> may name.</summary>
    public static IReadOnlySet<string> Classes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "%file", "%process", "%network", "%net", "%signal", "%ipc", "%desc", "%memory", "%creds", "%clock",
        "%stat", "%lstat", "%fstat", "%statfs", "%fstatfs", "%pure",
    };

    /// <summary>Every problem with <paramref name="fault"/>, paths under <paramref name="path"/>.</summary>
    public static IReadOnlyList<ValidationError> Validate(SyscallFault fault, string path = "inject_syscall_fault")
    {
        ArgumentNullException.ThrowIfNull(fault);
        var errors = new List<ValidationError>();
        var names = (fault.Syscall ?? string.Empty).Split(',');
        if (names.Any(n => !Classes.Contains(n) && !SyscallName().IsMatch(n)))
        {
            errors.Add(new ValidationError($"{path}.syscall", "not a syscall name, list or strace class", fault.Syscall ?? "null",
                "name syscalls such as openat or connect,sendto (lowercase), or a class such as %file"));
        }

        if (fault.Errno is null || !ErrnoNames.All.Contains(fault.Errno))
        {
            errors.Add(new ValidationError($"{path}.errno", "not a Linux errno name", fault.Errno ?? "null",
                "use an uppercase name such as ENOENT, EACCES, EIO or ECONNREFUSED"));
        }

        if (fault.When is not null && !ValidWhen(fault.When))
        {
            errors.Add(new ValidationError($"{path}.when", "not an strace call selector", fault.When,
                "use N, N+, N+STEP or N..M with 1 <= N <= M <= 65535"));
        }

        return errors;
    }

    /// <summary>The command; throws <see cref="NetworkConfigurationException"/> with every problem.</summary>
    public static GuestCommand Build(SyscallFault fault, string program, IReadOnlyList<string> args, string stracePath = "/usr/bin/strace")
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = Validate(fault).ToList();
        if (string.IsNullOrWhiteSpace(program))
        {
            errors.Add(new ValidationError("program", "is empty", "\"\"", "name the program to run under fault injection"));
        }

        if (errors.Count > 0)
        {
            throw new NetworkConfigurationException(errors);
        }

        var inject = $"inject={fault.Syscall}:error={fault.Errno}" + (fault.When is null ? string.Empty : $":when={fault.When}");
        return new GuestCommand(stracePath, ["-f", "-qq", "-o", "/dev/null", "-e", inject, "--", program, .. args]);
    }

    private static bool ValidWhen(string when)
    {
        var match = When().Match(when);
        if (!match.Success)
        {
            return false;
        }

        var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : (int?)null;
        var range = match.Groups["range"].Success;
        return first is >= 1 and <= 65535
            && (second is null || second is >= 1 and <= 65535)
            && (!range || second >= first);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$")]
    private static partial Regex SyscallName();

    [GeneratedRegex(@"^(?<first>\d{1,5})(?:(?<range>\.\.)(?<second>\d{1,5})|\+(?<second>\d{1,5})?)?$")]
    private static partial Regex When();
}
