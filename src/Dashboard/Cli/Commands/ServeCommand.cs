using System.CommandLine;
using EmoStream.Dashboard.Hosting;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream serve</c>: the web host (the default verb).</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on",
            DefaultValueFactory = _ => context.Configuration["Urls"] ?? "http://127.0.0.1:5000",
        };
        var command = new Command("serve", "Run the dashboard web host (the default verb)") { urls };
        command.SetAction(async (parse, ct) =>
        {
            await WebHost.RunAsync(context.Configuration, parse.GetValue(urls)!, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
