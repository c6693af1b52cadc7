namespace EmoStream.Capture.Sources;

/// <summary>How a recording is replayed; bound from <c>Capture:Replay</c>.</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Capture:Replay";

    public ReplayPacing Pacing { get; set; } = ReplayPacing.RealTime;

    /// <summary>Keep each channel apart as its own speaker (a stereo call recording) instead of mixing to mono.</summary>
    public bool ChannelPerSpeaker { get; set; }

    /// <summary>The speaker of a recording mixed to mono (who speaks is not known from one channel).</summary>
    public string MixedSpeakerName { get; set; } = "speaker";

    /// <summary>
    /// Speaker names by channel when <see cref="ChannelPerSpeaker"/> is set; empty means <see cref="DefaultSpeakerNames"/>
    /// (an empty default, because the configuration binder appends to a list rather than replacing it).
    /// Channels without a name are called "channel N".
    /// </summary>
    public string[] SpeakerNames { get; set; } = [];

    public static IReadOnlyList<string> DefaultSpeakerNames { get; } = ["agent", "customer"];

    public IReadOnlyList<string> EffectiveSpeakerNames => SpeakerNames.Length > 0 ? SpeakerNames : DefaultSpeakerNames;

    /// <summary>Whether a recording of this many channels is diarized: one channel and several speakers named (docs/DIARIZATION.md).</summary>
    public bool Diarizes(int channels) => ChannelPerSpeaker && channels == 1 && SpeakerNames.Length > 1;

    public int FrameMs { get; set; } = 32;

    /// <summary>
    /// A copy for one replay (the configured options are shared and never changed): its pacing and, when speakers are
    /// named or <paramref name="channelPerSpeaker"/> is set, one speaker per channel.
    /// </summary>
    /// <remarks>A count instead of names (<c>2</c>, 2 to 8) names them <c>speaker 1</c>, <c>speaker 2</c>, …: for a mono recording whose speakers are found from their voices.</remarks>
    public ReplayOptions With(ReplayPacing pacing, IReadOnlyList<string> speakers, bool channelPerSpeaker = false)
    {
        if (speakers is [var only] && int.TryParse(only, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            && count is >= 2 and <= 8)
            speakers = [.. Enumerable.Range(1, count).Select(i => $"speaker {i}")];
        return new()
        {
            Pacing = pacing,
            ChannelPerSpeaker = ChannelPerSpeaker || channelPerSpeaker || speakers.Count > 0,
            MixedSpeakerName = MixedSpeakerName,
            SpeakerNames = speakers.Count > 0 ? [.. speakers] : SpeakerNames,
            FrameMs = FrameMs,
        };
    }
}
