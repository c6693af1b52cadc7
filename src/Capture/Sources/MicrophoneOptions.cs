namespace EmoStream.Capture.Sources;

/// <summary>The host's microphone; bound from <c>Capture:Microphone</c>.</summary>
public sealed class MicrophoneOptions
{
    public const string SectionName = "Capture:Microphone";

    /// <summary>ALSA device name: "default" (PulseAudio/PipeWire when they run), "hw:1,0", "plughw:CARD=USB"... (see <c>arecord -L</c>).</summary>
    public string Device { get; set; } = "default";

    /// <summary>Channels to record; each becomes a speaker when there is more than one (a two-headset interface).</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Speaker names by channel; unnamed channels are called "channel N".</summary>
    public List<string> SpeakerNames { get; set; } = ["speaker"];
}
