using System.Text;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// A login as the test guest's qemu-ga sees it (the guest has no login program): one glibc x86-64
/// <c>struct utmp</c> (384 bytes) of type USER_PROCESS appended to <see cref="Path"/>; removing the file logs
/// everyone out. Used by the observer tests and the real-VM benchmark.
/// </summary>
internal static class GuestUtmp
{
    /// <summary>Where qemu-ga's <c>guest-get-users</c> reads (getutxent).</summary>
    public const string Path = "/var/run/utmp";

    /// <summary>The record of <paramref name="user"/> logged in on <paramref name="line"/> at <paramref name="at"/>.</summary>
    public static byte[] Record(string user, string line, DateTimeOffset at)
    {
        var r = new byte[384];
        BitConverter.TryWriteBytes(r.AsSpan(0), (short)7);         // ut_type = USER_PROCESS
        BitConverter.TryWriteBytes(r.AsSpan(4), 1);                 // ut_pid
        Encoding.ASCII.GetBytes(line).CopyTo(r, 8);                 // ut_line[32]
        Encoding.ASCII.GetBytes(line[^2..]).CopyTo(r, 40);          // ut_id[4]
        Encoding.ASCII.GetBytes(user).CopyTo(r, 44);                // ut_user[32]
        BitConverter.TryWriteBytes(r.AsSpan(340), (int)at.ToUnixTimeSeconds()); // ut_tv.tv_sec
        return r;
    }

    /// <summary>A guest shell command that appends <paramref name="record"/> to <see cref="Path"/>.</summary>
    public static string AppendCommand(byte[] record) => $"echo {Convert.ToBase64String(record)} | base64 -d >> {Path}";
}
