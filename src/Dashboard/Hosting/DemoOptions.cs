namespace EmoStream.Dashboard.Hosting;

/// <summary>The bundled demo conversation <c>serve</c> replays in real time when it starts; bound from <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Off by default; <c>make run</c> turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Made at set-up (scripts/setup.d/40-demo.sh) with espeak-ng and sox: two voices, one per channel.</summary>
    public string Path { get; set; } = ".cache/demo/conversation.wav";

    /// <summary>The speaker of each channel of the demo recording.</summary>
    public string[] Speakers { get; set; } = [];
}
