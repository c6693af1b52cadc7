using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>Level conversions shared by the extractors; the floor keeps silence finite (-100 dB).</summary>
internal static class Levels
{
    public const double PowerFloor = 1e-10;

    public static float Db(double power) => (float)(10 * Math.Log10(power + PowerFloor));

    /// <summary>Zwicker-style specific loudness summed over mel bands: band power^0.3 (Stevens' power law).</summary>
    public static float Loudness(ReadOnlySpan<float> melPower)
    {
        Span<float> specific = stackalloc float[melPower.Length];
        TensorPrimitives.Pow(melPower, 0.3f, specific);
        return TensorPrimitives.Sum(specific);
    }

    /// <summary>A spectral frame whose total power is below this carries no spectral shape (digital silence).</summary>
    public const double SilentFramePower = 1e-9;
}
