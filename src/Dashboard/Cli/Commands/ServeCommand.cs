using System.CommandLine;
using EmoStream.Dashboard.Hosting;
using EmoStream.Sessions.Models;
using EmoStream.Sessions;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream serve</c>: the web host (the default verb).</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on (beyond loopback, Security:IngestToken and Security:ViewToken are required)",
            DefaultValueFactory = _ => context.Configuration["Urls"] ?? "http://127.0.0.1:5000",
        };
        var model = new Option<FileInfo?>("--model") { Description = "Causal model file to score with; default Models:Default" };
        var command = new Command("serve", "Run the dashboard web host (the default verb)") { urls, model };
        command.SetAction(async (parse, ct) =>
        {
            // Refuse an exposed host without tokens before spending time loading the model.
            WebHost.RequiredTokens(context.Configuration, parse.GetValue(urls)!);
            var modelPath = DefaultModel.Resolve(parse.GetValue(model), context.Options<ModelsOptions>());
            await using var sessions = await SessionRegistry.CreateAsync(context.Services, modelPath, ct);
            await using var app = WebHost.Build(context.Configuration, parse.GetValue(urls)!, sessions);
            // The addresses the server bound, whatever configured them (--urls, Urls, Kestrel:Endpoints).
            var bound = await WebHost.StartAsync(app, ct);
            context.Error.MarkupLineInterpolated(
                $"[bold]dashboard[/] on {string.Join(", ", bound)} with model {sessions.Model.Id}; transcription: {sessions.Transcription.Engine.ToString().ToLowerInvariant()} ({sessions.Transcription.Reason})");
            // Ctrl+C stops the host, which drains the running sessions before returning.
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
