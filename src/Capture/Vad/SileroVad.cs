using Microsoft.ML.OnnxRuntime;

namespace EmoStream.Capture.Vad;

/// <summary>
/// Silero VAD v6.2 loaded once through ONNX Runtime (one thread, so streams scale across cores instead of
/// fighting over them); each speaker stream gets its own <see cref="SileroVadDetector"/> with its own state.
/// ONNX Runtime sessions are safe to run from several threads at once.
/// </summary>
public sealed class SileroVad : IVoiceActivityDetectorFactory
{
    private readonly InferenceSession _session;

    public SileroVad(string modelPath)
    {
        var path = ModelLocator.Locate(modelPath, "run scripts/setup.sh (step 20-silero-vad.sh) to fetch it");
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CaptureConfigurationException($"{path}: not a loadable Silero VAD model ({e.Message})", e);
        }
    }

    public string Name => "silero-v6.2";

    public IVoiceActivityDetector Create() => new SileroVadDetector(_session);

    public void Dispose() => _session.Dispose();
}
