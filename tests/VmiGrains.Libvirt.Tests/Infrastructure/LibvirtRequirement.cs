using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Tests.Infrastructure;

/// <summary>
/// These tests need the real libvirt library. When it is missing they fail, with the fix in the
/// message (in CI and locally alike): they never pass by skipping.
/// </summary>
internal static class LibvirtRequirement
{
    private static readonly Lazy<string?> Problem = new(() =>
        NativeLibrary.TryLoad("libvirt.so.0", out var handle)
            ? Release(handle)
            : $"libvirt.so.0 could not be loaded (CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}); install it with scripts/bootstrap.sh (apt package libvirt0).");

    public static void Ensure()
    {
        if (Problem.Value is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    private static string? Release(nint handle)
    {
        NativeLibrary.Free(handle);
        return null;
    }
}
