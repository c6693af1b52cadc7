using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Vad;
using EmoStream.Inference.Conversations;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>Cuts a rendered conversation's recording into utterances with the live capture path (the same source, VAD and segmenter as `replay`).</summary>
public sealed class ConversationCapture(IVoiceActivityDetectorFactory vad, SegmentationOptions segmentation)
{
    public async Task<IReadOnlyList<Utterance>> CutAsync(ConversationFiles files, CancellationToken cancellationToken)
    {
        var source = new FileReplaySource(files.Recording, ReplayOptionsFor(files.Conversation));
        await using var capture = CaptureSession.Start(source, vad, segmentation, cancellationToken: cancellationToken);
        var utterances = new List<Utterance>();
        await foreach (var u in capture.Utterances.ReadAllAsync(cancellationToken).ConfigureAwait(false)) utterances.Add(u);
        var end = await capture.Completion.ConfigureAwait(false);
        if (end.Kind != StreamEndKind.Completed) throw new InvalidDataException($"{files.Recording}: capture did not complete: {end.Reason}");
        return utterances;
    }

    /// <summary>
    /// How `replay` must read the recording so that each speaker's channel is its own stream, named as
    /// <see cref="ConversationFiles.ChannelNames"/>; with <paramref name="diarize"/>, a mono recording of several speakers
    /// is read as `replay --speakers` reads it, split into its speakers by their voices.
    /// </summary>
    public static ReplayOptions ReplayOptionsFor(RenderedConversation conversation, bool diarize = false)
    {
        var speakers = conversation.Turns.Select(t => t.Speaker).Distinct(StringComparer.Ordinal).ToArray();
        var diarized = diarize && conversation.Channels.Count == 1 && speakers.Length > 1;
        return new ReplayOptions
        {
            Pacing = ReplayPacing.AsFastAsPossible,
            ChannelPerSpeaker = conversation.Channels.Count > 1 || diarized,
            SpeakerNames = diarized ? speakers : [.. ConversationFiles.ChannelNames(conversation)],
            MixedSpeakerName = ConversationFiles.MonoSpeaker,
        };
    }

    /// <summary>A detected utterance's channel and speech extent, for <see cref="TurnMatcher"/>.</summary>
    public static DetectedSpan Span(RenderedConversation conversation, string speaker, double start, double end)
    {
        var names = ConversationFiles.ChannelNames(conversation);
        var channel = Math.Max(0, names.ToList().IndexOf(speaker));
        return new DetectedSpan(channel, start, end);
    }
}
