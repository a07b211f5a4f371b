namespace VmiGrains.Grains.Vmis;

/// <summary>The kinds of temporary change a VMI can carry.</summary>
public static class UndoKinds
{
    /// <summary>A rule's <c>set_weight</c> on top of the profile's weight.</summary>
    public const string WeightOverride = "weight-override";

    /// <summary>A rule's <c>shape_network</c> (tc netem on the VMI's taps).</summary>
    public const string Shaping = "shaping";

    /// <summary>A rule's <c>inject_syscall_fault</c> for programs triggered in the guest.</summary>
    public const string SyscallFault = "syscall-fault";

    /// <summary>The profile's per-app network rules inside the guest (nft table <c>inet vmigrains_app</c>).</summary>
    public const string GuestAppFirewall = "guest-app-firewall";

    /// <summary>A profile applied only for one triggered program (<c>exec --scoped</c>).</summary>
    public const string ScopedProfile = "scoped-profile";
}
