using System.Numerics;
using System.Runtime.InteropServices;

namespace EmoStream.Capture.Audio.Resampling;

/// <summary>
/// Band-limited sample-rate conversion by a polyphase Kaiser-windowed sinc (see <see cref="PolyphaseFilter"/>).
/// Streaming: feed blocks with <see cref="Process"/> as they arrive (a live source), then <see cref="Flush"/>
/// once at the end; the output is time-aligned with the input (no filter delay) and, over a whole signal,
/// is ceil(n * out / in) samples long. One instance per channel, not thread-safe.
/// </summary>
public sealed class Resampler
{
    private readonly PolyphaseFilter? _filter; // null when the rates are equal: samples pass untouched
    private float[] _history;
    private int _historyCount;
    private long _historyStart; // absolute input index of _history[0]
    private long _inputCount;
    private long _outputCount;
    private bool _flushed;

    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        if (inputRate == outputRate)
        {
            _history = [];
            return;
        }
        _filter = PolyphaseFilter.For(inputRate, outputRate);
        // Samples before the start are silence: begin with half a window of zeros.
        _history = new float[Math.Max(4096, 4 * _filter.TapsPerPhase)];
        _historyCount = _filter.HalfTaps;
        _historyStart = -_filter.HalfTaps;
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    /// <summary>Converts a whole signal, block by block so that only a block's worth of input is buffered.</summary>
    public static float[] Convert(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate) return input.ToArray();
        const int block = 1 << 16;
        var resampler = new Resampler(inputRate, outputRate);
        var output = new float[(int)resampler.OutputLength(input.Length)];
        var written = 0;
        for (var at = 0; at < input.Length; at += block)
        {
            var part = resampler.Process(input.Slice(at, Math.Min(block, input.Length - at)));
            part.CopyTo(output, written);
            written += part.Length;
        }
        resampler.Flush().CopyTo(output, written);
        return output;
    }

    /// <summary>Output samples for a whole signal of <paramref name="inputLength"/> samples: its duration, rounded up.</summary>
    private long OutputLength(long inputLength) =>
        _filter is null ? inputLength : (inputLength * _filter.Up + _filter.Down - 1) / _filter.Down;

    /// <summary>Takes the next input block; returns every output sample that it makes computable.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        if (_flushed) throw new InvalidOperationException("the resampler was flushed; create a new one for a new signal");
        if (_filter is null) return input.ToArray();
        Append(input);
        _inputCount += input.Length;
        return Emit(_filter, long.MaxValue);
    }

    /// <summary>Ends the signal: returns the remaining outputs, computed as if silence followed.</summary>
    public float[] Flush()
    {
        if (_flushed) return [];
        _flushed = true;
        if (_filter is null) return [];
        Append(new float[_filter.HalfTaps + 1]);
        return Emit(_filter, OutputLength(_inputCount));
    }

    private float[] Emit(PolyphaseFilter filter, long outputLimit)
    {
        int up = filter.Up, down = filter.Down, half = filter.HalfTaps, width = filter.TapsPerPhase;
        var available = _historyStart + _historyCount; // absolute index one past the last buffered sample
        var outputs = new List<float>();
        while (_outputCount < outputLimit)
        {
            var position = _outputCount * down;
            var center = position / up;
            if (center + half >= available) break;
            var phase = (int)(position % up);
            var first = (int)(center - half - _historyStart);
            outputs.Add(Dot(filter.Phase(phase), _history.AsSpan(first, width)));
            _outputCount++;
        }
        Discard(_outputCount * down / up - half);
        return outputs.ToArray();
    }

    private void Append(ReadOnlySpan<float> input)
    {
        if (_historyCount + input.Length > _history.Length)
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _historyCount + input.Length));
        input.CopyTo(_history.AsSpan(_historyCount));
        _historyCount += input.Length;
    }

    /// <summary>Drops buffered input before an absolute index that no future output reaches.</summary>
    private void Discard(long keepFrom)
    {
        var drop = (int)Math.Clamp(keepFrom - _historyStart, 0, _historyCount);
        if (drop == 0) return;
        _history.AsSpan(drop, _historyCount - drop).CopyTo(_history);
        _historyCount -= drop;
        _historyStart += drop;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (var v = 0; v < va.Length; v++) acc += va[v] * vb[v];
        var sum = Vector.Sum(acc);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
