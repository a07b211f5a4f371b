namespace VmiGrains.Domain.Guests;

/// <summary>
/// The guest agent of a VMI by its id (the libvirt domain UUID). Returns the same shared agent for
/// the same VMI, so calls to one guest are serialised. An agent for a VMI without a configured
/// transport answers every call with <see cref="GuestAgentErrorKind.NotConnected"/> naming the fix.
/// </summary>
public interface IGuestAgentFactory
{
    /// <summary>The agent of <paramref name="vmiId"/>.</summary>
    IGuestAgent GetAgent(string vmiId);
}
