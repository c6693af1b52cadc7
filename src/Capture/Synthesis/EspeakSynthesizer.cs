using EmoStream.Capture.Audio;
using EmoStream.Capture.Processes;

namespace EmoStream.Capture.Synthesis;

/// <summary>
/// Speech from text with espeak-ng (Debian's package): transcripts read aloud where a corpus has no audio. The voice
/// is flat — formant synthesis carries the words, not their emotion — which is what such utterances should teach.
/// </summary>
public sealed class EspeakSynthesizer(AudioFileReader? reader = null)
{
    private readonly AudioFileReader _reader = reader ?? AudioFileReader.Default;

    /// <summary>16 kHz mono speech of <paramref name="text"/>; throws <see cref="AudioToolException"/> when espeak-ng fails or is missing.</summary>
    public float[] Speak(string text, EspeakVoice voice, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emostream-espeak-{Guid.NewGuid():N}.wav");
        try
        {
            // "--" ends the options: a transcript starting with '-' is text, not a flag.
            ToolProcess.RunToCompletion("espeak-ng",
                ["-v", voice.Name, "-s", voice.WordsPerMinute.ToString(), "-p", voice.Pitch.ToString(), "-w", path, "--", text],
                "apt-get install espeak-ng", cancellationToken);
            return _reader.Read16kMono(path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
