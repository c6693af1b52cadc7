using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Tests.Support;

/// <summary>The product's detectors as the configuration makes them (the Silero model comes from set-up's cache).</summary>
public static class Vads
{
    public static IVoiceActivityDetectorFactory Create(VadEngine engine) =>
        VoiceActivityDetection.CreateFactory(new VadOptions { Engine = engine });
}
