using System.CommandLine;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi profile …</c>: validate offline, and the cluster verbs.</summary>
internal static class ProfileCommands
{
    /// <summary>Builds <c>vmi profile</c> and its verbs.</summary>
    public static Command Create()
    {
        var profile = new Command("profile", "Define, inspect and validate personality profiles.");
        profile.Subcommands.Add(ValidateCommand.Create());
        foreach (var verb in ProfileClusterCommands.Create())
        {
            profile.Subcommands.Add(verb);
        }
        return profile;
    }
}
