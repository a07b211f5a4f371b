using System.CommandLine;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi profile …</c>: validate offline; the cluster verbs are added by the grains issue.</summary>
internal static class ProfileCommands
{
    /// <summary>Builds <c>vmi profile</c> and its verbs.</summary>
    public static Command Create()
    {
        var profile = new Command("profile", "Define, inspect and validate personality profiles.");
        profile.Subcommands.Add(ValidateCommand.Create());
        return profile;
    }
}
