namespace VmiGrains.Grains.Tests.Network;

/// <summary>
/// The host tools the namespace tests need. Missing tools fail the test (never skip): run
/// scripts/bootstrap.sh as root to install them.
/// </summary>
internal static class NetTools
{
    public const string Ip = "/usr/sbin/ip";
    public const string Nft = "/usr/sbin/nft";
    public const string Tc = "/usr/sbin/tc";
    public const string Nc = "/usr/bin/nc";
    public const string Ping = "/usr/bin/ping";
    public const string Sysctl = "/usr/sbin/sysctl";
    public const string Xmllint = "/usr/bin/xmllint";
    public const string Strace = "/usr/bin/strace";

    public static void Require(params string[] tools)
    {
        var missing = tools.Where(t => !File.Exists(t)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"missing tools: {string.Join(", ", missing)}; run scripts/bootstrap.sh as root");
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"network namespace tests need root (running as {Environment.UserName})");
        }
    }
}
