using System.Text.Json;

namespace VmiGrains.Silo.Api;

/// <summary>A stored profile version: the canonical document as <c>vmi profile show</c> prints it, with its version.</summary>
public sealed record ProfileResponse(string ProfileId, int Version, DateTimeOffset CreatedAt, JsonElement Document);
