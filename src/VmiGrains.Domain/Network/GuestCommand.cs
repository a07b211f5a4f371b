namespace VmiGrains.Domain.Network;

/// <summary>A program to run in the guest through the guest agent (<c>guest-exec</c>): no shell unless <see cref="Path"/> is one.</summary>
/// <param name="Path">Absolute path of the program in the guest.</param>
/// <param name="Args">Arguments, passed as a list.</param>
/// <param name="Stdin">Text for standard input (<c>input-data</c>), or null.</param>
public sealed record GuestCommand(string Path, IReadOnlyList<string> Args, string? Stdin = null);
