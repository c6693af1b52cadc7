namespace EmoStream.Capture.Sources;

/// <summary>The host's microphone; bound from <c>Capture:Microphone</c>.</summary>
public sealed class MicrophoneOptions
{
    public const string SectionName = "Capture:Microphone";

    /// <summary>ALSA device name: "default" (PulseAudio/PipeWire when they run), "hw:1,0", "plughw:CARD=USB"... (see <c>arecord -L</c>).</summary>
    public string Device { get; set; } = "default";

    /// <summary>Channels to record; each becomes a speaker when there is more than one (a two-headset interface).</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Speaker names by channel; empty means <see cref="DefaultSpeakerNames"/> (see <see cref="ReplayOptions.SpeakerNames"/> for why); unnamed channels are called "channel N".</summary>
    public string[] SpeakerNames { get; set; } = [];

    public static IReadOnlyList<string> DefaultSpeakerNames { get; } = ["speaker"];

    public IReadOnlyList<string> EffectiveSpeakerNames => SpeakerNames.Length > 0 ? SpeakerNames : DefaultSpeakerNames;
}
