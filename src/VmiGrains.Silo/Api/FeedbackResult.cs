namespace VmiGrains.Silo.Api;

/// <summary>What a VMI took in from a feedback request.</summary>
public sealed record FeedbackResult(string VmiId, int Samples, int Events);
