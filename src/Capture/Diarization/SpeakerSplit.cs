using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Diarization;

/// <summary>
/// A mono recording as one channel per speaker: each speaker's turns copied into their channel, silence elsewhere,
/// so the rest of capture (voice activity and utterances per channel, one speaker each) runs as on a call recorded
/// with a channel per party.
/// </summary>
public static class SpeakerSplit
{
    /// <summary>10 ms fades at turn edges, so a cut makes no click.</summary>
    private const int FadeSamples = SpeechAudio.SampleRate / 100;

    /// <param name="mono">Samples at <see cref="SpeechAudio.SampleRate"/>.</param>
    /// <param name="speakers">Channels to make; turns of speakers beyond them are dropped.</param>
    public static PcmAudio Split(float[] mono, IReadOnlyList<SpeakerTurn> turns, int speakers)
    {
        var channels = Enumerable.Range(0, speakers).Select(_ => new float[mono.Length]).ToArray();
        foreach (var turn in turns.Where(t => t.Speaker < speakers))
        {
            var from = Math.Clamp((int)(turn.Start * SpeechAudio.SampleRate), 0, mono.Length);
            var to = Math.Clamp((int)(turn.End * SpeechAudio.SampleRate), from, mono.Length);
            var channel = channels[turn.Speaker];
            for (var i = from; i < to; i++)
            {
                var edge = Math.Min(i - from, to - 1 - i);
                channel[i] = edge < FadeSamples ? mono[i] * (edge + 1) / FadeSamples : mono[i];
            }
        }
        return new PcmAudio(SpeechAudio.SampleRate, channels);
    }

    /// <summary>Diarizes a mono recording into <paramref name="speakers"/> channels, speaker 0 (the first to speak) first.</summary>
    public static PcmAudio Diarize(PcmAudio recording, int speakers)
    {
        var mono = recording.ToSpeechMono().Channels[0];
        return Split(mono, Diarizer.Diarize(mono, new DiarizationOptions { Speakers = speakers }), speakers);
    }
}
