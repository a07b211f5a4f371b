namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>One guest booted by <c>scripts/kvm-host.sh</c> (as listed in its <c>host.env</c>).</summary>
internal sealed record RealVmGuest(string Name, Guid Uuid, string Ip, string Mac);
