namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Write a message to the VMI's decision log.</summary>
/// <param name="Message">The text.</param>
public sealed record LogAction(string Message) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.Log;

    /// <inheritdoc/>
    public override string Describe() => $"log({Message})";
}
