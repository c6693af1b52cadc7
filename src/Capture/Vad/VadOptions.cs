namespace EmoStream.Capture.Vad;

/// <summary>Voice activity detection, bound from the <c>Capture:Vad</c> section of appsettings.json.</summary>
public sealed class VadOptions
{
    public const string SectionName = "Capture:Vad";

    public VadEngine Engine { get; set; } = VadEngine.Silero;

    /// <summary>The Silero model; a relative path is looked up from the working folder, then from the application's folder upwards.</summary>
    public string ModelPath { get; set; } = ".cache/models/silero_vad.onnx";

    /// <summary>Energy engine: how far above the noise floor a chunk must be to count as speech, in dB.</summary>
    public double EnergyMarginDb { get; set; } = 12;

    /// <summary>Energy engine: chunks quieter than this (dBFS) are never speech, whatever the floor.</summary>
    public double EnergyMinimumLevelDb { get; set; } = -60;

    /// <summary>Energy engine: how fast the noise floor estimate may rise, in dB per second (it falls at once).</summary>
    public double EnergyFloorRiseDbPerSecond { get; set; } = 3;
}
