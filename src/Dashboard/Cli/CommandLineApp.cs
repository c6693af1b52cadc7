using System.CommandLine;
using Spectre.Console;
using EmoStream.Dashboard.Cli.Commands;
using EmoStream.Dashboard.Hosting;

namespace EmoStream.Dashboard.Cli;

/// <summary>The <c>emostream</c> command line: <c>serve</c> is the default verb.</summary>
public static class CommandLineApp
{
    /// <summary>The verbs that run the product (the server, a replay, speech models): they never need the research assembly.</summary>
    private static readonly string[] LiveVerbs = ["serve", "replay", "models"];

    /// <param name="research">Also the research verbs (train, evaluate, ...): <see cref="ResearchVerbs"/>, built only when asked for.</param>
    public static RootCommand Build(CliContext context, bool research = true)
    {
        var serve = ServeCommand.Create(context);
        var root = new RootCommand("EmoStream: real-time multimodal emotion monitoring with a context-dependent DANN.") { serve };
        if (research) ResearchVerbs.AddTo(root, context);
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(ReplayCommand.Create(context));
        // `emostream` alone runs the dashboard.
        foreach (var option in serve.Options) root.Options.Add(option);
        root.Action = serve.Action;
        return root;
    }

    /// <summary>
    /// False for a live verb (or <c>emostream</c> alone, which serves): the server then never loads research code.
    /// The root's help and anything unknown get every verb.
    /// </summary>
    internal static bool NeedsResearch(IReadOnlyList<string> args) => args.Count > 0 && !LiveVerbs.Contains(args[0])
        && !(args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?" or "--version"));

    public static async Task<int> RunAsync(string[] args, CliContext? context = null)
    {
        var owned = context is null;
        context ??= CliContext.CreateDefault();
        try
        {
            var root = Build(context, research: NeedsResearch(args));
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
