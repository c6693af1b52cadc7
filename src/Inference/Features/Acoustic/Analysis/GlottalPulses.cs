namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// One mark per glottal period, in time order: position in samples (sub-sample), peak amplitude, and the voiced
/// segment it belongs to (periods are only measured between marks of the same segment).
/// </summary>
internal sealed record GlottalPulses(double[] Position, float[] Amplitude, int[] Segment)
{
    public int Count => Position.Length;
}
