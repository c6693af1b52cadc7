using EmoStream.Capture.Audio.Wav;
using EmoStream.Inference.Conversations;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>A rendered conversation on disk: the recording as a user would have it, and each channel alone.</summary>
/// <param name="Recording">All channels in one file (what `replay` takes).</param>
/// <param name="ChannelFiles">Channel c's samples alone (the recording itself when mono): what a corpus cuts utterances from.</param>
public sealed record ConversationFiles(RenderedConversation Conversation, string Recording, IReadOnlyList<string> ChannelFiles)
{
    public static ConversationFiles Write(RenderedConversation conversation, string directory)
    {
        var recording = Path.Combine(directory, conversation.Plan.Id + ".wav");
        Pcm16WavWriter.Write(recording, conversation.Channels, conversation.SampleRate);
        if (conversation.Channels.Count == 1) return new ConversationFiles(conversation, recording, [recording]);
        var channels = conversation.Channels.Select((samples, c) =>
        {
            var path = Path.Combine(directory, $"{conversation.Plan.Id}.ch{c + 1}.wav");
            Pcm16WavWriter.Write(path, [samples], conversation.SampleRate);
            return path;
        }).ToArray();
        return new ConversationFiles(conversation, recording, channels);
    }

    /// <summary>The name of channel c as the live pipeline reports it: the speaker when a channel has one, else "channel N".</summary>
    public static IReadOnlyList<string> ChannelNames(RenderedConversation conversation)
    {
        if (conversation.Channels.Count == 1) return [MonoSpeaker];
        return Enumerable.Range(0, conversation.Channels.Count).Select(c =>
        {
            var speakers = conversation.Turns.Where(t => t.Channel == c).Select(t => t.Speaker).Distinct(StringComparer.Ordinal).ToArray();
            return speakers.Length == 1 ? speakers[0] : $"channel {c + 1}";
        }).ToArray();
    }

    public const string MonoSpeaker = "speaker";
}
