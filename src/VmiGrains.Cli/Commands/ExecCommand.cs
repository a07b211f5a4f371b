using System.CommandLine;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Completion;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi exec VMI [--profile P] [--scoped] [--app NAME] [--timeout S] [--detach] -- PROGRAM ARGS...</c>:
/// the trigger. Waits for the program and prints its output; exits 0 when it exited 0, 1 otherwise.
/// </summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var vmi = Args.Vmi();
        var program = new Argument<string[]>("PROGRAM") { Description = "Absolute path of the program in the guest, then its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var profile = new Option<string?>("--profile") { Description = "Apply this profile first" }.WithProfileIds();
        var scoped = new Option<bool>("--scoped") { Description = "Apply --profile only for this run; revert when it ends or times out" };
        var app = new Option<string?>("--app") { Description = "Application whose priority applies (default: the program's file name)" };
        var timeout = new Option<double?>("--timeout") { Description = "Kill the program after this many seconds", HelpName = "SECONDS" };
        var detach = new Option<bool>("--detach") { Description = "Return at once with the execution id instead of waiting" };
        var command = new Command("exec", "Run a program in the guest through its QEMU guest agent, under a profile.\n\n"
            + "Examples:\n  vmi exec render-01 -- /usr/bin/blender -b scene.blend -a\n"
            + "  vmi exec web-01 --profile security-audit --scoped --timeout 60 -- /usr/bin/sha256sum /etc/passwd\n\n"
            + "Exit codes: 0 the program exited 0; 1 it failed, timed out, or the agent could not run it; 2 invalid input or not allowed by the profile.")
        {
            vmi, program, profile, scoped, app, timeout, detach,
        };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var words = result.GetValue(program)!;
            if (result.GetValue(scoped) && result.GetValue(profile) is null)
            {
                throw new InvalidRequestException(new ValidationError("--scoped", "needs a profile to scope", null, "add --profile PROFILE"));
            }

            if (result.GetValue(timeout) is { } t && (!double.IsFinite(t) || t <= 0))
            {
                throw new InvalidRequestException(new ValidationError("--timeout", "must be a positive number of seconds", t.ToString(System.Globalization.CultureInfo.InvariantCulture), "e.g. --timeout 60"));
            }

            var grain = await Args.ResolveVmiAsync(client, result.GetValue(vmi)!);
            var view = await grain.ExecuteAsync(new ExecuteRequest
            {
                Path = words[0],
                Args = words[1..],
                App = result.GetValue(app),
                ProfileId = result.GetValue(profile),
                Scoped = result.GetValue(scoped),
                Timeout = result.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            });
            while (view.State == "running" && !result.GetValue(detach))
            {
                await Task.Delay(200);
                view = await grain.GetExecutionAsync(view.ExecutionId);
            }

            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, view);
            }
            else
            {
                await io.Output.WriteAsync(view.Stdout);
                await io.Error.WriteAsync(view.Stderr);
                await io.Error.WriteLineAsync(view.State switch
                {
                    "running" => $"vmi: started pid {view.Pid} (execution {view.ExecutionId}); detached",
                    "exited" => $"vmi: pid {view.Pid} exited with {(view.Signal is { } s ? $"signal {s}" : $"code {view.ExitCode}")}{(view.TimedOut ? " after the timeout" : string.Empty)}{(view.Truncated ? "; output truncated" : string.Empty)}",
                    _ => $"vmi: {view.Error}",
                });
            }

            return view.State == "running" || (view.State == "exited" && view.ExitCode == 0 && !view.TimedOut) ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
