using Microsoft.ML.OnnxRuntime;

namespace EmoStream.Capture.Vad;

/// <summary>
/// One stream's Silero state: the recurrent state [2, 1, 128] and the last 64 samples, which the v6 model
/// takes in front of each new 512-sample chunk (input [1, 576]).
/// </summary>
internal sealed class SileroVadDetector : IVoiceActivityDetector
{
    private const int Chunk = 512;
    private const int Context = 64;
    private const int StateSize = 2 * 1 * 128;

    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly InferenceSession _session;
    private readonly float[] _input = new float[Context + Chunk];
    private readonly float[] _state = new float[StateSize];
    private readonly OrtValue _inputValue;
    private readonly OrtValue _stateValue;
    private readonly OrtValue _rateValue;
    private readonly RunOptions _run = new();

    public SileroVadDetector(InferenceSession session)
    {
        _session = session;
        // The tensors wrap the arrays above: refilling the arrays refills the inputs without new allocations.
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, Context + Chunk]);
        _stateValue = OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]);
        _rateValue = OrtValue.CreateTensorValueFromMemory(new long[] { 16_000 }, []);
    }

    public int ChunkSamples => Chunk;

    public float SpeechProbability(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length != Chunk)
            throw new ArgumentException($"Silero VAD takes chunks of {Chunk} samples, got {chunk.Length}", nameof(chunk));
        chunk.CopyTo(_input.AsSpan(Context));
        using var outputs = _session.Run(_run, InputNames, [_inputValue, _stateValue, _rateValue], OutputNames);
        var probability = outputs[0].GetTensorDataAsSpan<float>()[0];
        outputs[1].GetTensorDataAsSpan<float>().CopyTo(_state);
        // The next chunk's context is the end of this one.
        _input.AsSpan(Chunk, Context).CopyTo(_input);
        return probability;
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _stateValue.Dispose();
        _rateValue.Dispose();
        _run.Dispose();
    }
}
