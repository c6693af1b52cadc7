using System.CommandLine;
using EmoStream.Transcribe;
using EmoStream.Transcribe.Whisper.Models;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream models list|pull NAME|verify</c>: the Whisper model files in <c>Transcription:Whisper:ModelDirectory</c>.</summary>
public static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var list = new Command("list", "Official Whisper models and the files present in the model folder");
        list.SetAction(async (_, ct) => await ListAsync(context, hash: false, ct));

        var verify = new Command("verify", "Check every model file's structure, size and SHA-256");
        verify.SetAction(async (_, ct) => await ListAsync(context, hash: true, ct));

        var name = new Argument<string>("name") { Description = "Official model name, for instance base.en" };
        var pull = new Command("pull", "Download an official model into the model folder and check its SHA-256") { name };
        pull.SetAction(async (parse, ct) => await PullAsync(context, parse.GetValue(name)!, ct));

        return new Command("models", "Manage Whisper model files") { list, pull, verify };
    }

    private static WhisperModelStore Store(CliContext context)
    {
        var options = context.Options<TranscriptionOptions>();
        return new WhisperModelStore(options.Whisper.ModelDirectory);
    }

    private static async Task<int> ListAsync(CliContext context, bool hash, CancellationToken ct)
    {
        var store = Store(context);
        var local = await store.CheckAsync(hash, ct);
        var table = new Table().AddColumns("model", "official size", "file", "status");
        foreach (var official in WhisperModelCatalog.Models)
        {
            var file = local.FirstOrDefault(l => l.Official == official);
            table.AddRow(Markup.Escape(official.Name), $"{official.Bytes:N0} B", file is null ? "-" : $"{file.Bytes:N0} B", Status(file, hash));
        }
        foreach (var file in local.Where(l => l.Official is null))
            table.AddRow(Markup.Escape(file.Name), "(not official)", $"{file.Bytes:N0} B", Status(file, hash));
        context.Output.Write(table);
        context.Error.MarkupLineInterpolated($"model folder: {store.Folder}");
        return hash && local.Any(l => l.Problem is not null) ? ExitCodes.UserError : ExitCodes.Ok;
    }

    private static string Status(LocalWhisperModel? file, bool hash) => file switch
    {
        null => "[grey]not present[/]",
        { Problem: { } problem } => $"[red]{Markup.Escape(problem)}[/]",
        { HashVerified: true } => "[green]ok, sha256 verified[/]",
        _ => hash && file.Official is not null ? "[yellow]ok[/]" : "[green]ok (structure)[/]",
    };

    private static async Task<int> PullAsync(CliContext context, string name, CancellationToken ct)
    {
        var store = Store(context);
        try
        {
            var path = await store.PullAsync(name, handler: null,
                new Progress<long>(bytes => context.Error.MarkupInterpolated($"\r{bytes / 1e6:F1} MB")), ct);
            context.Output.MarkupLineInterpolated($"[green]{path}[/] downloaded, sha256 verified");
            return ExitCodes.Ok;
        }
        catch (WhisperModelDownloadException e)
        {
            context.Error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.UserError;
        }
    }
}
