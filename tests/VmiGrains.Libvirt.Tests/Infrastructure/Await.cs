namespace VmiGrains.Libvirt.Tests.Infrastructure;

/// <summary>A generous deadline for things that arrive asynchronously; it only guards against hangs.</summary>
internal static class Await
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
}
