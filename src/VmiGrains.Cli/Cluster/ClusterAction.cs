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
/// With <c>-o json</c> the error is one JSON object on stderr (<see cref="ErrorReport"/>).
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
            var errors = new ErrorReport(io.Error, GlobalOptions.IsJson(result));
            var target = ClusterTarget.From(result, out var targetError);
            if (target is null)
            {
                return errors.Fail(ExitCodes.InvalidInput, "invalid_input", targetError!);
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
                return errors.Fail(ExitCodes.Failure, "cluster_unreachable", ex.Message);
            }
            catch (ClientConfigurationException ex)
            {
                return errors.Fail(ExitCodes.InvalidInput, "invalid_input", ex.Message);
            }
            catch (ProfileValidationException ex)
            {
                return errors.Fail(ExitCodes.InvalidInput, "invalid_profile", ex.Errors, Source(result));
            }
            catch (InvalidRequestException ex)
            {
                return errors.Fail(ExitCodes.InvalidInput, "invalid_request", ex.Errors, "vmi");
            }
            catch (AccessDeniedException ex)
            {
                return errors.Fail(ExitCodes.Failure, "access_denied", ex.Message);
            }
            catch (HypervisorUnavailableException ex)
            {
                return errors.Fail(ExitCodes.Failure, "hypervisor_unavailable", ex.Message);
            }
            catch (StateStorageException ex)
            {
                return errors.Fail(ExitCodes.Failure, "storage", ex.Message);
            }
            catch (OrleansException ex) when (StorageFailure.From(ex) is { } failure)
            {
                return errors.Fail(ExitCodes.Failure, "storage", $"{failure}; check the storage named here and retry");
            }
            catch (TypeLoadException ex)
            {
                // An error whose type only the silos know (a storage or hypervisor library's): say so, not crash.
                return errors.Fail(ExitCodes.Failure, "unreadable_error",
                    $"the cluster answered with an error this CLI cannot read ({ex.Message.Split('\n', 2)[0].Trim()}); the silo's log has it");
            }
            catch (TimeoutException ex)
            {
                return errors.Fail(ExitCodes.Failure, "timeout",
                    $"the cluster did not answer within {Domain.Profiles.DurationFormat.Format(target.CallTimeout)}: {ex.Message}; retry, give a call longer with --timeout (e.g. --timeout 2m), or check 'vmi host list' and the silos' logs");
            }
        });

    private static string Source(ParseResult result) => result.CommandResult.Command.Name;
}
