using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Completion;
using VmiGrains.Cli.Input;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Profiles;
using VmiGrains.Rules;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi profile apply|list|show|history|delete</c>: the cluster verbs of profiles.</summary>
internal static class ProfileClusterCommands
{
    public static IEnumerable<Command> Create() => [Apply(), List(), Show(), History(), Delete()];

    private static Command Apply()
    {
        var files = new Option<string[]>("--file", "-f") { Description = "Profile documents to create or update", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var command = new Command("apply", "Create profiles, or add a new version when a document changed.\n\nExample:\n  vmi profile apply -f examples/profiles/*.json") { files };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            // Check every file locally first: nothing is sent unless all of them are valid.
            var compiler = new LuaRuleCompiler();
            var documents = new List<(string File, string Json, string Id)>();
            var invalid = false;
            foreach (var file in result.GetValue(files)!)
            {
                string json;
                try
                {
                    var (text, decodeError) = await InputFile.TryReadAsync(file);
                    if (text is null)
                    {
                        ErrorLines.Write(io.Error, file, [decodeError!]);
                        invalid = true;
                        continue;
                    }

                    json = text;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await io.Error.WriteLineAsync($"{file}: $: cannot read the file: {ex.Message.TrimEnd('.')}; check the path");
                    invalid = true;
                    continue;
                }

                if (ProfileParser.TryParse(json, out var errors, compiler) is { } profile)
                {
                    documents.Add((file, json, profile.Id));
                }
                else
                {
                    ErrorLines.Write(io.Error, file, errors);
                    invalid = true;
                }
            }

            if (invalid)
            {
                return ExitCodes.InvalidInput;
            }

            var applied = new List<object>();
            foreach (var (file, json, id) in documents)
            {
                var info = await client.GetGrain<IProfileGrain>(id).DefineAsync(json);
                applied.Add(new { file, profile = id, info.Version, info.Created });
                if (!GlobalOptions.IsJson(result))
                {
                    await io.Output.WriteLineAsync(info.Created ? $"{id}: version {info.Version} created" : $"{id}: unchanged (version {info.Version})");
                }
            }

            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, applied);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List profiles with their latest version and how many VMIs use them.");
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var profiles = await client.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ListAsync();
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, profiles);
            }
            else
            {
                Table.Write(io.Output, ["ID", "NAME", "VERSION", "VMIS"],
                    profiles.Select(p => new[] { p.Id, p.Name, Num(p.LatestVersion), Num(p.AttachedVmis) }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("ID") { Description = "Profile id" }.WithProfileIds();
        var version = new Option<int?>("--version") { Description = "A specific version (default: the latest)" };
        var command = new Command("show", "Print a profile document (canonical JSON).") { id, version };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var stored = await client.GetGrain<IProfileGrain>(result.GetValue(id)!).GetAsync(result.GetValue(version));
            if (!GlobalOptions.IsJson(result))
            {
                await io.Output.WriteLineAsync($"# {stored.Document.Id} version {stored.Version}, created {stored.CreatedAt:u}");
            }

            await io.Output.WriteLineAsync(ProfileSerializer.Serialize(stored.Document));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command History()
    {
        var id = new Argument<string>("ID") { Description = "Profile id" }.WithProfileIds();
        var command = new Command("history", "List every version of a profile.") { id };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var history = await client.GetGrain<IProfileGrain>(result.GetValue(id)!).GetHistoryAsync();
            if (history.Count == 0)
            {
                throw new InvalidRequestException(new ValidationError("ID", "unknown profile", $"\"{result.GetValue(id)}\"", "see 'vmi profile list'"));
            }

            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, history);
            }
            else
            {
                Table.Write(io.Output, ["VERSION", "CREATED", "NAME"], history.Select(h => new[] { Num(h.Version), h.CreatedAt.ToString("u", CultureInfo.InvariantCulture), h.Name }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("ID") { Description = "Profile id" }.WithProfileIds();
        var force = new Option<bool>("--force") { Description = "Detach the VMIs that use it, then delete" };
        var command = new Command("delete", "Delete a profile and all its versions (refused while attached, unless --force).") { id, force };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            await client.GetGrain<IProfileGrain>(result.GetValue(id)!).DeleteAsync(result.GetValue(force));
            await io.Output.WriteLineAsync($"{result.GetValue(id)}: deleted");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
