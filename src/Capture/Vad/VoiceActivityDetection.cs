namespace EmoStream.Capture.Vad;

/// <summary>Chooses the detector the configuration names.</summary>
public static class VoiceActivityDetection
{
    public static IVoiceActivityDetectorFactory CreateFactory(VadOptions options) => options.Engine switch
    {
        VadEngine.Silero => new SileroVad(options.ModelPath),
        VadEngine.Energy => new EnergyVad(options),
        _ => throw new CaptureConfigurationException($"{VadOptions.SectionName}:Engine '{options.Engine}' is not an engine; use Silero or Energy"),
    };
}
