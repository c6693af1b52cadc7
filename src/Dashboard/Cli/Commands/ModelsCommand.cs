using System.CommandLine;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;
using EmoStream.Sessions.Models;
using EmoStream.Transcribe;
using EmoStream.Transcribe.Whisper.Models;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream models list|verify|pull NAME</c>: two kinds of model files, each in its own table: the emotion models
/// in <c>Models:Directory</c> (what the server may switch to) and the Whisper models in
/// <c>Transcription:Whisper:ModelDirectory</c>; <c>pull</c> downloads Whisper models only.
/// </summary>
public static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var list = new Command("list", "The emotion models (Models:Directory) with their figures, then the official Whisper models and the files present");
        list.SetAction(async (_, ct) => await ListAsync(context, hash: false, ct));

        var verify = new Command("verify", "Check every model file: emotion models load completely (checksum, weights, featurizers), Whisper files' structure, size and SHA-256");
        verify.SetAction(async (_, ct) => await ListAsync(context, hash: true, ct));

        var name = new Argument<string>("name") { Description = "Official model name, for instance base.en" };
        var pull = new Command("pull", "Download an official Whisper model into its folder and check its SHA-256") { name };
        pull.SetAction(async (parse, ct) => await PullAsync(context, parse.GetValue(name)!, ct));

        return new Command("models", "Emotion models and Whisper model files: list, verify, pull (Whisper)") { list, pull, verify };
    }

    private static WhisperModelStore Store(CliContext context)
    {
        var options = context.Options<TranscriptionOptions>();
        return new WhisperModelStore(options.Whisper.ModelDirectory);
    }

    private static async Task<int> ListAsync(CliContext context, bool hash, CancellationToken ct)
    {
        var emotionOk = ListEmotionModels(context, load: hash);
        var store = Store(context);
        var local = await store.CheckAsync(hash, ct);
        var table = new Table().AddColumns("Whisper model", "official size", "file", "status");
        foreach (var official in WhisperModelCatalog.Models)
        {
            var file = local.FirstOrDefault(l => l.Official == official);
            table.AddRow(Markup.Escape(official.Name), $"{official.Bytes:N0} B", file is null ? "-" : $"{file.Bytes:N0} B", Status(file, hash));
        }
        foreach (var file in local.Where(l => l.Official is null))
            table.AddRow(Markup.Escape(file.Name), "(not official)", $"{file.Bytes:N0} B", Status(file, hash));
        context.Output.Write(table);
        context.Error.MarkupLineInterpolated($"Whisper model folder: {store.Folder}");
        return hash && (!emotionOk || local.Any(l => l.Problem is not null)) ? ExitCodes.UserError : ExitCodes.Ok;
    }

    /// <summary>The emotion models' table; with <paramref name="load"/> each is loaded as the server would. False when one is refused.</summary>
    private static bool ListEmotionModels(CliContext context, bool load)
    {
        var options = context.Options<ModelsOptions>();
        var directory = Path.GetFullPath(options.Directory);
        var entries = ModelCatalog.List(directory);
        var defaultPath = string.IsNullOrWhiteSpace(options.Default) ? null : Path.GetFullPath(options.Default);
        var table = new Table().AddColumns("emotion model", "id", "modalities", "trained on", "test WA", "test UA", "test macro-F1", "ECE", "status");
        var ok = true;
        foreach (var entry in entries)
        {
            var problem = entry.Problem ?? (load ? LoadProblem(context, entry.Path) : null);
            ok &= problem is null;
            var name = Markup.Escape(entry.File) + (entry.Path == defaultPath ? " [grey](default)[/]" : "");
            if (entry.Metadata is not { } m)
            {
                table.AddRow(name, "-", "-", "-", "-", "-", "-", "-", $"[red]{Markup.Escape(problem!)}[/]");
                continue;
            }
            var modalities = string.Join("+", new[] { m.AcousticFeaturizer is null ? null : "audio", m.LexicalFeaturizer is null ? null : "text" }.OfType<string>());
            var status = problem is not null ? $"[red]{Markup.Escape(problem)}[/]" : load ? "[green]ok, loaded[/]" : "[green]ok (checksum)[/]";
            table.AddRow(name, Markup.Escape(entry.Id!), modalities, Markup.Escape(CorpusNames(m.Training.Corpus)), Percent(m.Training.TestWa), Percent(m.Training.TestUa),
                Percent(m.Training.TestMacroF1), m.Calibration?.Ece is { } ece ? $"{ece:F3}" : "-", status);
        }
        if (entries.Count > 0) context.Output.Write(table);
        context.Error.MarkupLineInterpolated($"emotion model folder (Models:Directory): {directory}{(entries.Count == 0 ? " holds no *.emsm file" : "")}");
        return ok;
    }

    /// <summary>The corpus folders' names, without the paths of the machine that trained the model; the first three of many.</summary>
    private static string CorpusNames(string corpus)
    {
        var names = corpus.Split('+').Select(p => Path.GetFileName(p.TrimEnd('/', '\\'))).ToArray();
        return names.Length <= 3 ? string.Join("+", names) : $"{string.Join("+", names[..3])} and {names.Length - 3} more";
    }

    private static string Percent(double? fraction) => fraction is { } f ? $"{100 * f:F1} %" : "-";

    /// <summary>What refuses the model when the server loads it (weights, featurizers), or null.</summary>
    private static string? LoadProblem(CliContext context, string path)
    {
        try
        {
            using var model = ScoringModel.Load(path, context.Options<LexicalFeaturizerOptions>());
            return null;
        }
        catch (ModelMismatchException e)
        {
            return e.Message;
        }
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
