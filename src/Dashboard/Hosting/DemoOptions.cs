namespace EmoStream.Dashboard.Hosting;

/// <summary>The bundled demo conversation <c>serve</c> replays in real time when it starts; bound from <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Off by default; <c>make run</c> turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Made at set-up (scripts/setup.d/40-demo.sh) with espeak-ng and sox: two voices, one per channel.</summary>
    public string Path { get; set; } = ".cache/demo/conversation.wav";

    /// <summary>
    /// The demo call's own transcript (made beside it at set-up), replayed with it as a telephony platform's text would
    /// be; none (empty, or no file) leaves the words to the configured recogniser.
    /// </summary>
    public string Transcript { get; set; } = ".cache/demo/conversation.vtt";

    /// <summary>The speaker of each channel of the demo recording.</summary>
    public string[] Speakers { get; set; } = [];
}
