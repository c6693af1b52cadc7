using EmoStream.Capture.Segmentation;
using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>Progress of assembling: conversations done of all, and turns found so far.</summary>
public sealed record AssembleProgress(int Done, int Total, int Turns, int Found);

/// <summary>What an assembled corpus holds, and how its turns came out of segmentation.</summary>
public sealed record AssembleSummary(int Conversations, int Turns, int Found, int Split, int Misaligned, int Missed, int Utterances, int Labeled, int WithText);

/// <summary>
/// Writes a training corpus shaped like the product's input: conversations rendered from a source corpus, each cut
/// into utterances by the live capture path, each utterance labeled with the turn it came from (when most of it lies
/// in that turn) and given text from the product's transcriber or the corpus. Utterances point at the rendered
/// channel files with the exact sample bounds the live pipeline saw, so featurizing the corpus computes what the
/// live pipeline computes (the parity test holds this).
/// </summary>
public sealed class ConversationCorpusBuilder(ConversationRenderer renderer, ConversationCapture capture, ISpeechTranscriber? transcriber)
{
    public const string AudioFolder = "audio";

    public async Task<AssembleSummary> BuildAsync(IReadOnlyList<(TurnAudio Audio, ConversationPlan Plan)> plans, string output, string name, TextSource text, int seed,
        IProgress<AssembleProgress>? progress, CancellationToken cancellationToken)
    {
        if (text != TextSource.Corpus && transcriber is null)
            throw new InvalidOperationException("text from ASR needs a transcriber (Transcription:Engine is none, or no engine is installed)");
        var random = new Random(seed);
        var utterances = new List<CorpusUtterance>();
        int turns = 0, found = 0, split = 0, misaligned = 0, missed = 0;
        for (var n = 0; n < plans.Count; n++)
        {
            var (audio, plan) = plans[n];
            var turnAudio = plan.Turns.Select(t => audio.For(t, cancellationToken)).ToArray();
            var rendered = renderer.Render(plan, turnAudio, random);
            var files = ConversationFiles.Write(rendered, Path.Combine(output, AudioFolder));
            var cut = await capture.CutAsync(files, cancellationToken).ConfigureAwait(false);
            var spans = cut.Select(u => ConversationCapture.Span(rendered, u.Speaker, u.Start.TotalSeconds, u.End.TotalSeconds)).ToArray();
            var match = TurnMatcher.Match(rendered.Turns, spans);
            var source = text == TextSource.Mixed ? (n % 2 == 0 ? TextSource.Asr : TextSource.Corpus) : text;
            var transcripts = source == TextSource.Asr
                ? await Task.WhenAll(cut.Select(u => transcriber!.TranscribeAsync(u.Samples, cancellationToken))).ConfigureAwait(false)
                : null;
            for (var i = 0; i < cut.Count; i++)
            {
                var t = match.TurnOfDetected[i];
                var turn = t >= 0 ? rendered.Turns[t] : Nearest(rendered, spans[i]);
                var label = t >= 0 && TurnMatcher.Inside(spans[i], turn) >= 0.5 ? turn.Label : null;
                var words = source == TextSource.Asr
                    ? (transcripts![i].HasText ? transcripts[i].Text : null)
                    : t >= 0 && match.Outcomes[t] == TurnOutcome.Found ? turn.Text : null;
                utterances.Add(ToUtterance(name, plan, files, rendered.SampleRate, cut[i], spans[i].Channel, i, turn, label, words));
            }
            turns += rendered.Turns.Count;
            found += match.Count(TurnOutcome.Found);
            split += match.Count(TurnOutcome.Split);
            misaligned += match.Count(TurnOutcome.Misaligned);
            missed += match.Count(TurnOutcome.Missed);
            progress?.Report(new AssembleProgress(n + 1, plans.Count, turns, found));
        }
        CorpusManifest.Write(output, utterances);
        return new AssembleSummary(plans.Count, turns, found, split, misaligned, missed, utterances.Count,
            utterances.Count(u => u.Label is not null), utterances.Count(u => u.Text is not null));
    }

    private static CorpusUtterance ToUtterance(string name, ConversationPlan plan, ConversationFiles files, int sampleRate,
        Utterance u, int channel, int index, TurnSpan turn, string? label, string? text)
    {
        var file = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(files.Recording)!)!, files.ChannelFiles[channel]);
        // The exact samples the live pipeline hands to the featurizer: from SamplesStart, Samples.Length of them.
        var start = u.SamplesStart.TotalSeconds;
        var end = start + (double)u.Samples.Length / sampleRate;
        var speaker = turn.Speaker;
        return new CorpusUtterance($"{name}-{plan.Id}-u{index:D3}", $"{name}-{plan.Id}", index, speaker, $"{name}/{plan.Group}", label, text,
            file.Replace('\\', '/'), start, end);
    }

    /// <summary>The turn on the same channel closest in time: who most likely made a sound that overlaps no turn.</summary>
    private static TurnSpan Nearest(RenderedConversation rendered, DetectedSpan d) =>
        rendered.Turns.Where(t => t.Channel == d.Channel).DefaultIfEmpty(rendered.Turns[0])
            .MinBy(t => Math.Max(0, Math.Max(t.Start - d.End, d.Start - t.End)))!;
}
