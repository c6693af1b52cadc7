using System.Runtime.CompilerServices;
namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Unigram probabilities estimated from frequency ranks by Zipf's law, p(r) = 1 / ((r + 1) H_N): the wink JSON
/// has GloVe's frequency-ordered vocabulary but no counts. It gives "the" about 7.5% and rank 1,000 about 7.5e-5,
/// close to real English counts, which is what SIF's a / (a + p(w)) weights need.
/// </summary>
public static class ZipfFrequencies
{
    // Runs once per process over a large loop: compile it optimized at once rather than through tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Probabilities(int count)
    {
        var harmonic = 0.0;
        for (var r = count; r >= 1; r--) harmonic += 1.0 / r;
        var p = new double[count];
        for (var r = 0; r < count; r++) p[r] = 1.0 / ((r + 1) * harmonic);
        return p;
    }
}
