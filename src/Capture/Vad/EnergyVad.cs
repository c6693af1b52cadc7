namespace EmoStream.Capture.Vad;

/// <summary>The energy-based fallback: no model file, nothing shared between streams.</summary>
public sealed class EnergyVad(VadOptions options) : IVoiceActivityDetectorFactory
{
    public string Name => "energy";

    public IVoiceActivityDetector Create() => new EnergyVadDetector(options);

    public void Dispose()
    {
    }
}
