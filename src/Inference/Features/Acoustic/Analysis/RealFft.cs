using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// A planned radix-2 FFT of real input: twiddles and bit-reversal are computed once per size, and an
/// N-point real transform runs as an N/2-point complex one. FftSharp and MathNet recompute twiddles per call
/// (15-100 µs per 512/1024-point transform here), too slow for the large set's 200x real-time target.
/// Immutable once built: one instance per size is shared by all threads (scratch space lives on the stack).
/// </summary>
internal sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _cos;      // e^{-2πik/(N/2)}, k < N/4: complex stage twiddles
    private readonly float[] _sin;
    private readonly float[] _splitCos; // e^{-2πik/N}, k <= N/2: real split twiddles
    private readonly float[] _splitSin;

    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two of at least 4");
        Size = size;
        _half = size / 2;
        var bits = System.Numerics.BitOperations.Log2((uint)_half);
        _bitReverse = new int[_half];
        for (var i = 0; i < _half; i++)
        {
            int r = 0, v = i;
            for (var b = 0; b < bits; b++) { r = (r << 1) | (v & 1); v >>= 1; }
            _bitReverse[i] = r;
        }
        _cos = new float[Math.Max(1, _half / 2)];
        _sin = new float[_cos.Length];
        for (var k = 0; k < _cos.Length; k++)
        {
            var a = -2 * Math.PI * k / _half;
            _cos[k] = (float)Math.Cos(a);
            _sin[k] = (float)Math.Sin(a);
        }
        _splitCos = new float[_half + 1];
        _splitSin = new float[_half + 1];
        for (var k = 0; k <= _half; k++)
        {
            var a = -2 * Math.PI * k / size;
            _splitCos[k] = (float)Math.Cos(a);
            _splitSin[k] = (float)Math.Sin(a);
        }
    }

    public int Size { get; }

    /// <summary>Number of non-negative frequency bins, N/2 + 1.</summary>
    public int Bins => _half + 1;

    /// <summary>Spectrum of <paramref name="input"/> (zero-padded to <see cref="Size"/>) into bins 0..N/2.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imag)
    {
        if (input.Length > Size) throw new ArgumentException($"input has {input.Length} samples, FFT size is {Size}", nameof(input));
        Span<float> zr = _half <= 4096 ? stackalloc float[_half] : new float[_half];
        Span<float> zi = _half <= 4096 ? stackalloc float[_half] : new float[_half];
        // Pack even samples as real and odd samples as imaginary parts, in bit-reversed order.
        for (var n = 0; n < _half; n++)
        {
            var j = _bitReverse[n];
            var e = 2 * n;
            zr[j] = e < input.Length ? input[e] : 0f;
            zi[j] = e + 1 < input.Length ? input[e + 1] : 0f;
        }
        Butterflies(zr, zi);
        // Split the half-size complex spectrum Z into the real signal's spectrum X.
        for (var k = 0; k <= _half; k++)
        {
            var k1 = k == _half ? 0 : k;
            var k2 = k == 0 ? 0 : _half - k;
            float ar = zr[k1], ai = zi[k1], cr = zr[k2], ci = -zi[k2];
            float er = 0.5f * (ar + cr), ei = 0.5f * (ai + ci);   // even part
            float or = 0.5f * (ai - ci), oi = -0.5f * (ar - cr);  // odd part = (Z - conj Z')/(2i)
            float wr = _splitCos[k], wi = _splitSin[k];
            real[k] = er + (wr * or - wi * oi);
            imag[k] = ei + (wr * oi + wi * or);
        }
    }

    /// <summary>Power spectrum |X_k|^2 of <paramref name="input"/> (zero-padded), bins 0..N/2.</summary>
    public void Power(ReadOnlySpan<float> input, Span<float> power, Span<float> scratchReal, Span<float> scratchImag)
    {
        Forward(input, scratchReal, scratchImag);
        for (var k = 0; k < Bins; k++) power[k] = scratchReal[k] * scratchReal[k] + scratchImag[k] * scratchImag[k];
    }

    /// <summary>
    /// Inverse transform of a real, even spectrum given by its bins 0..N/2 (a power spectrum): the result is
    /// real and even, so it is the forward transform of the mirrored sequence divided by N. Writes lags 0..N/2.
    /// </summary>
    public void InverseEven(ReadOnlySpan<float> bins, Span<float> output, Span<float> scratchReal, Span<float> scratchImag)
    {
        Span<float> full = Size <= 4096 ? stackalloc float[Size] : new float[Size];
        bins[..Bins].CopyTo(full);
        for (var k = 1; k < _half; k++) full[Size - k] = bins[k];
        Forward(full, scratchReal, scratchImag);
        var scale = 1f / Size;
        for (var k = 0; k < Bins; k++) output[k] = scratchReal[k] * scale;
    }

    private void Butterflies(Span<float> real, Span<float> imag)
    {
        var n = _half;
        // Hot loop: refs instead of indexers so the JIT drops bounds checks.
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imag);
        ref var cos = ref MemoryMarshal.GetArrayDataReference(_cos);
        ref var sin = ref MemoryMarshal.GetArrayDataReference(_sin);
        // First stage: twiddle 1, no multiplications.
        for (var a = 0; a < n; a += 2)
        {
            float ar = Unsafe.Add(ref re, a), ai = Unsafe.Add(ref im, a);
            float br = Unsafe.Add(ref re, a + 1), bi = Unsafe.Add(ref im, a + 1);
            Unsafe.Add(ref re, a) = ar + br;
            Unsafe.Add(ref im, a) = ai + bi;
            Unsafe.Add(ref re, a + 1) = ar - br;
            Unsafe.Add(ref im, a + 1) = ai - bi;
        }
        for (var size = 4; size <= n; size <<= 1)
        {
            var halfSize = size >> 1;
            var step = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (int j = 0, t = 0; j < halfSize; j++, t += step)
                {
                    int a = start + j, b = a + halfSize;
                    float wr = Unsafe.Add(ref cos, t), wi = Unsafe.Add(ref sin, t);
                    float br = Unsafe.Add(ref re, b), bi = Unsafe.Add(ref im, b);
                    float xr = br * wr - bi * wi;
                    float xi = br * wi + bi * wr;
                    float ar = Unsafe.Add(ref re, a), ai = Unsafe.Add(ref im, a);
                    Unsafe.Add(ref re, b) = ar - xr;
                    Unsafe.Add(ref im, b) = ai - xi;
                    Unsafe.Add(ref re, a) = ar + xr;
                    Unsafe.Add(ref im, a) = ai + xi;
                }
            }
        }
    }
}
