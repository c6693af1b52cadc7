using EmoStream.Capture.Audio;
using Microsoft.ML.OnnxRuntime;

namespace EmoStream.Capture.Vad;

/// <summary>
/// One stream's Silero state: the recurrent state [2, 1, 128] and the last 64 samples, which the v6 model
/// takes in front of each new 512-sample chunk (input [1, 576]). All tensors are allocated once and wrap
/// arrays held here; the state ping-pongs between two buffers (one read, one written per chunk), with an
/// I/O binding prepared for each direction, so a chunk costs one model run: no allocation, no name lookups.
/// </summary>
internal sealed class SileroVadDetector : IVoiceActivityDetector
{
    private const int Chunk = 512;
    private const int Context = 64;
    private const int StateSize = 2 * 1 * 128;
    private static readonly long[] StateShape = [2, 1, 128];

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly float[] _input = new float[Context + Chunk];
    private readonly float[] _probability = new float[1];
    private readonly OrtValue _inputValue;
    private readonly OrtValue _rateValue;
    private readonly OrtValue _probabilityValue;
    private readonly OrtValue[] _states;
    private readonly OrtIoBinding[] _bindings; // _bindings[i] reads _states[i] and writes the other
    private int _current; // which state goes into the next chunk

    public SileroVadDetector(InferenceSession session)
    {
        _session = session;
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, Context + Chunk]);
        _rateValue = OrtValue.CreateTensorValueFromMemory(new long[] { SpeechAudio.SampleRate }, []);
        _probabilityValue = OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]);
        _states =
        [
            OrtValue.CreateTensorValueFromMemory(new float[StateSize], StateShape),
            OrtValue.CreateTensorValueFromMemory(new float[StateSize], StateShape),
        ];
        _bindings = [Bind(0), Bind(1)];
    }

    private OrtIoBinding Bind(int stateIn)
    {
        var binding = _session.CreateIoBinding();
        binding.BindInput("input", _inputValue);
        binding.BindInput("state", _states[stateIn]);
        binding.BindInput("sr", _rateValue);
        binding.BindOutput("output", _probabilityValue);
        binding.BindOutput("stateN", _states[1 - stateIn]);
        return binding;
    }

    public int ChunkSamples => Chunk;

    public float SpeechProbability(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length != Chunk)
            throw new ArgumentException($"Silero VAD takes chunks of {Chunk} samples, got {chunk.Length}", nameof(chunk));
        chunk.CopyTo(_input.AsSpan(Context));
        _session.RunWithBinding(_run, _bindings[_current]);
        _current = 1 - _current;
        // The next chunk's context is the end of this one.
        _input.AsSpan(Chunk, Context).CopyTo(_input);
        return _probability[0];
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _rateValue.Dispose();
        _probabilityValue.Dispose();
        foreach (var binding in _bindings) binding.Dispose();
        foreach (var state in _states) state.Dispose();
        _run.Dispose();
    }
}
