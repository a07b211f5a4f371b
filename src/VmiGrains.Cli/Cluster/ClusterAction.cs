using System.CommandLine;
using VmiGrains.Abstractions.Security;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// Runs a verb against the cluster and maps outcomes to exit codes: invalid requests (unknown
/// profile or VMI, invalid document) exit 2 with one line per error; unreachable cluster or host, and
/// calls a silo refused (<see cref="AccessDeniedException"/>), and grain storage that did not take a
/// read or write (<see cref="StateStorageException"/>: the provider and its reason), exit 1.
/// </summary>
internal static class ClusterAction
{
    public static void Set(Command command, Func<ParseResult, IClusterClient, InvocationConfiguration, Task<int>> run) =>
        Set(command, (result, client, io, _) => run(result, client, io));

    /// <summary>As above, for a verb that runs until Ctrl-C (<paramref name="run"/> gets the cancellation).</summary>
    public static void Set(Command command, Func<ParseResult, IClusterClient, InvocationConfiguration, CancellationToken, Task<int>> run) =>
        command.SetAction(async (result, ct) =>
        {
            var io = result.InvocationConfiguration;
            var target = ClusterTarget.From(result, out var targetError);
            if (target is null)
            {
                await io.Error.WriteLineAsync($"vmi: {targetError}");
                return ExitCodes.InvalidInput;
            }

            try
            {
                using var host = await ClusterClient.ConnectAsync(target, ct);
                try
                {
                    return await run(result, ClusterClient.Grains(host), io, ct);
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
            }
            catch (ClusterUnreachableException ex)
            {
                await io.Error.WriteLineAsync($"vmi: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (ClientConfigurationException ex)
            {
                await io.Error.WriteLineAsync($"vmi: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (ProfileValidationException ex)
            {
                ErrorLines.Write(io.Error, Source(result), ex.Errors);
                return ExitCodes.InvalidInput;
            }
            catch (InvalidRequestException ex)
            {
                foreach (var error in ex.Errors)
                {
                    await io.Error.WriteLineAsync($"vmi: {error}");
                }

                return ExitCodes.InvalidInput;
            }
            catch (AccessDeniedException ex)
            {
                await io.Error.WriteLineAsync($"vmi: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (HypervisorUnavailableException ex)
            {
                await io.Error.WriteLineAsync($"vmi: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (StateStorageException ex)
            {
                await io.Error.WriteLineAsync($"vmi: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (OrleansException ex) when (StorageFailure.From(ex) is { } failure)
            {
                await io.Error.WriteLineAsync($"vmi: {failure}; check the storage named here and retry");
                return ExitCodes.Failure;
            }
            catch (TypeLoadException ex)
            {
                // An error whose type only the silos know (a storage or hypervisor library's): say so, not crash.
                await io.Error.WriteLineAsync($"vmi: the cluster answered with an error this CLI cannot read ({ex.Message.Split('\n', 2)[0].Trim()}); the silo's log has it");
                return ExitCodes.Failure;
            }
            catch (TimeoutException ex)
            {
                await io.Error.WriteLineAsync($"vmi: the cluster did not answer in time: {ex.Message}");
                return ExitCodes.Failure;
            }
        });

    private static string Source(ParseResult result) => result.CommandResult.Command.Name;
}
