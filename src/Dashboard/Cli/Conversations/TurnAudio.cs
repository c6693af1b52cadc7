using System.Collections.Concurrent;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Synthesis;
using EmoStream.Capture.Vad;
using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>
/// The speech of one corpus utterance, as a turn of an assembled conversation: its own audio where the corpus has
/// some (cut by start/end), else its transcript read by espeak-ng in a voice fixed per speaker; trimmed to its speech.
/// Where the turn's speech lies is what the product's segmentation finds in the clip alone, from the start of its
/// first utterance to the end of its last: a turn is then "found" in a conversation when segmentation there gives it
/// as one utterance covering that (a burst the segmenter drops alone is not part of the turn).
/// </summary>
public sealed class TurnAudio(string corpusDirectory, IVoiceActivityDetectorFactory vad, SegmentationOptions segmentation, AudioFileReader? reader = null,
    EspeakSynthesizer? synthesizer = null)
{
    private const int SampleRate = SpeechAudio.SampleRate;
    private readonly AudioFileReader _reader = reader ?? AudioFileReader.Default;
    private readonly EspeakSynthesizer _synthesizer = synthesizer ?? new EspeakSynthesizer(reader);
    private readonly ConcurrentDictionary<string, float[]> _files = new(StringComparer.Ordinal);

    public TurnSpeech For(CorpusUtterance u, CancellationToken cancellationToken)
    {
        float[] samples;
        if (u.Audio is not null) samples = SpeechExtent.Trim(Cut(u, cancellationToken), SampleRate);
        else if (string.IsNullOrWhiteSpace(u.Text))
            throw new InvalidDataException($"{corpusDirectory}: utterance '{u.Id}' has neither audio nor text to make a turn of");
        else samples = SpeechExtent.Trim(_synthesizer.Speak(u.Text, EspeakVoice.For(u.Speaker), cancellationToken), SampleRate);
        var (from, to) = Detected(samples);
        return new TurnSpeech(samples, (double)from / SampleRate, (double)to / SampleRate);
    }

    /// <summary>From the start of the first utterance segmentation finds in the clip alone to the end of its last; the whole clip when none.</summary>
    private (int From, int To) Detected(float[] samples)
    {
        using var segmenter = new UtteranceSegmenter("turn", vad.Create(), segmentation);
        var found = segmenter.Push(samples).Concat(segmenter.Complete()).ToArray();
        if (found.Length == 0) return (0, samples.Length);
        return ((int)Math.Round(found[0].Start.TotalSeconds * SampleRate), (int)Math.Round(found[^1].End.TotalSeconds * SampleRate));
    }

    private float[] Cut(CorpusUtterance u, CancellationToken cancellationToken)
    {
        var path = Path.Combine(corpusDirectory, u.Audio!);
        // Dialogue corpora keep many utterances in one file: decode it once (one file at a time stays in memory).
        var samples = u.Start is null && u.End is null ? _reader.Read16kMono(path, cancellationToken) : _files.GetOrAdd(path, p =>
        {
            _files.Clear();
            return _reader.Read16kMono(p, cancellationToken);
        });
        var from = Math.Clamp((int)Math.Round((u.Start ?? 0) * SampleRate), 0, samples.Length);
        var to = Math.Clamp(u.End is { } end ? (int)Math.Round(end * SampleRate) : samples.Length, from, samples.Length);
        if (to - from < SampleRate / 10)
            throw new InvalidDataException($"{path}: utterance '{u.Id}' ({u.Start:F2}-{u.End:F2} s) holds less than 0.1 s of the file's {samples.Length / (double)SampleRate:F2} s");
        return samples.AsSpan(from, to - from).ToArray();
    }
}
