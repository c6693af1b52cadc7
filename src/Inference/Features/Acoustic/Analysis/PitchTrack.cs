namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// The pitch path of one utterance, one entry per frame. <see cref="F0Hz"/> is NaN where the frame is unvoiced;
/// <see cref="Periodicity"/> is the normalized autocorrelation peak in [0, 1] (the voicing probability; 0 for
/// frames too quiet to analyse), taken at the chosen F0 for voiced frames and at the best candidate otherwise.
/// </summary>
internal sealed record PitchTrack(float[] F0Hz, float[] Periodicity, bool[] Voiced)
{
    public int VoicedCount => Voiced.Count(v => v);
}
