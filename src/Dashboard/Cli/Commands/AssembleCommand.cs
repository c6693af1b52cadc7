using System.CommandLine;
using EmoStream.Dashboard.Cli.Conversations;
using EmoStream.Transcribe;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream assemble</c>: a training corpus shaped like the product's input — conversations rendered from a
/// corpus, cut by the live capture path, text from the product's transcriber or the corpus (docs/CONVERSATIONS.md).
/// </summary>
public static class AssembleCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new ConversationCommandOptions(defaultGaps: "0.6,1.6");
        var output = new Option<string>("--out") { Description = "The corpus folder to write (manifest.jsonl + audio/)", Required = true };
        var name = new Option<string?>("--name") { Description = "Prefix of its dialogue, utterance and group names (default: the folder's name)" };
        var text = new Option<TextSource>("--text")
        {
            Description = "Text of each utterance: asr (the configured transcriber on the captured audio), corpus (the turn's transcript), mixed (conversations alternate)",
            DefaultValueFactory = _ => TextSource.Mixed,
        };
        var command = new Command("assemble", "Assemble conversations from a corpus and cut them with the live capture path into a new training corpus")
        {
            output, name, text,
        };
        foreach (var option in shared.All) command.Options.Add(option);
        command.SetAction((parse, ct) => RunAsync(context, shared, parse, Path.GetFullPath(parse.GetValue(output)!), parse.GetValue(name), parse.GetValue(text), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ConversationCommandOptions shared, ParseResult parse, string output, string? name,
        TextSource text, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(output, Inference.Corpora.CorpusManifest.FileName)))
            throw new CliUsageException($"--out: {output} already holds a corpus; choose a new folder");
        var renderer = shared.Renderer(parse);
        var corpora = shared.Plans(parse);
        var (vad, segmentation) = ConversationCommandOptions.Capture(context);
        using var _vad = vad;
        ISpeechTranscriber? transcriber = null;
        if (text != TextSource.Corpus)
        {
            var factory = new TranscriberFactory(context.Options<TranscriptionOptions>(), context.Loggers);
            var selection = factory.Select();
            transcriber = await factory.CreateAsync(selection, ct)
                ?? throw new CliUsageException($"--text {text.ToString().ToLowerInvariant()} needs a transcriber, but none runs ({selection.Reason}); use --text corpus");
            context.Error.MarkupLineInterpolated($"[grey]transcribing with {selection.Engine.ToString().ToLowerInvariant()} ({selection.Reason})[/]");
        }
        using var _ = transcriber;
        var builder = new ConversationCorpusBuilder(renderer, new ConversationCapture(vad, segmentation), transcriber);
        var work = ConversationCommandOptions.Work(corpora, vad, segmentation);
        var progress = new Progress<AssembleProgress>(p => context.Error.MarkupLineInterpolated(
            $"[grey]{p.Done}/{p.Total} conversations, {p.Found}/{p.Turns} turns found as one utterance[/]"));
        var summary = await builder.BuildAsync(work, output, name ?? Path.GetFileName(output), text, parse.GetValue(shared.Seed), progress, ct);
        var table = new Table().AddColumns("conversations", "turns", "found", "split", "misaligned", "missed", "utterances", "labeled", "with text");
        table.AddRow(summary.Conversations.ToString(), summary.Turns.ToString(), summary.Found.ToString(), summary.Split.ToString(),
            summary.Misaligned.ToString(), summary.Missed.ToString(), summary.Utterances.ToString(), summary.Labeled.ToString(), summary.WithText.ToString());
        context.Output.Write(table);
        context.Error.MarkupLineInterpolated($"wrote {output}; next: emostream featurize --corpus {output}");
        return ExitCodes.Ok;
    }
}
