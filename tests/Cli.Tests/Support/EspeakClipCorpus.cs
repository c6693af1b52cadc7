using EmoStream.Capture.Audio.Wav;
using EmoStream.Capture.Synthesis;
using EmoStream.Inference.Corpora;

namespace EmoStream.Cli.Tests.Support;

/// <summary>
/// A clip corpus in the shape of RAVDESS (one-turn dialogues, a group per speaker, labels and the sentence said), spoken
/// by espeak-ng in two voices: conversations can be assembled from it on any machine, corpora or not. espeak-ng's voice
/// carries no emotion; the labels are there for the bookkeeping the tests check, not to be learnt.
/// </summary>
internal static class EspeakClipCorpus
{
    public static readonly string[] Speakers = ["voice-a", "voice-b"];

    private static readonly string[] Sentences =
    [
        "I cannot believe you did that again.", "That is wonderful news, thank you.", "Please send the parcel tomorrow.",
        "I miss the old house so much.", "Stop talking and listen to me.", "We won the match last night.",
        "The train leaves at nine.", "Nobody called me back.",
    ];

    public static Corpus Write(string directory)
    {
        var synthesizer = new EspeakSynthesizer();
        Directory.CreateDirectory(Path.Combine(directory, "audio"));
        var utterances = new List<CorpusUtterance>();
        foreach (var speaker in Speakers)
            for (var i = 0; i < Sentences.Length; i++)
            {
                var id = $"{speaker}-{i:D2}";
                var samples = synthesizer.Speak(Sentences[i], EspeakVoice.For(speaker));
                var padded = new float[samples.Length + 8_000]; // a quarter second of silence each side, as recorded clips have
                samples.CopyTo(padded, 4_000);
                Pcm16WavWriter.Write(Path.Combine(directory, "audio", id + ".wav"), [padded], 16_000);
                utterances.Add(new CorpusUtterance(id, id, 0, speaker, speaker, EmotionClasses.All[i % 4], Sentences[i], $"audio/{id}.wav", null, null));
            }
        CorpusManifest.Write(directory, utterances);
        return Corpus.Load(directory);
    }
}
