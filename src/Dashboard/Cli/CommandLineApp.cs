using System.CommandLine;
using Spectre.Console;
using EmoStream.Dashboard.Cli.Commands;
using EmoStream.Dashboard.Hosting;

namespace EmoStream.Dashboard.Cli;

/// <summary>The <c>emostream</c> command line: <c>serve</c> is the default verb.</summary>
public static class CommandLineApp
{
    public static RootCommand Build(CliContext context)
    {
        var serve = ServeCommand.Create(context);
        var root = new RootCommand("EmoStream: real-time multimodal emotion monitoring with a context-dependent DANN.")
        {
            serve,
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            CalibrateCommand.Create(context),
            ImportCommand.Create(context),
            FeaturizeCommand.Create(context),
            ModelsCommand.Create(context),
            ReplayCommand.Create(context),
            ExperimentCommand.Create(context),
            AssembleCommand.Create(context),
            EvaluateConversationsCommand.Create(context),
        };
        // `emostream` alone runs the dashboard.
        foreach (var option in serve.Options) root.Options.Add(option);
        root.Action = serve.Action;
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext? context = null)
    {
        var owned = context is null;
        context ??= CliContext.CreateDefault();
        try
        {
            var root = Build(context);
            var parsed = root.Parse(args);
            // Ctrl+C or SIGTERM cancels the verb, which then gets as long as the server's drain may take to finish.
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = WebHost.ShutdownTimeout + TimeSpan.FromSeconds(10),
            };
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception e) when (UserErrors.IsUserError(e))
        {
            context.Error.MarkupLineInterpolated($"[red]error:[/] {UserErrors.Describe(e)}");
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            context.Error.MarkupLine("[yellow]cancelled[/]");
            return ExitCodes.Cancelled;
        }
        finally
        {
            if (owned) context.Dispose();
        }
    }
}
