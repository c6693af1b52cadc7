namespace EmoStream.Inference.Conversations;

/// <summary>A conversation as audio: one array per channel (one per speaker in stereo, one in mono) and where each turn lies.</summary>
public sealed record RenderedConversation(ConversationPlan Plan, int SampleRate, IReadOnlyList<float[]> Channels, IReadOnlyList<TurnSpan> Turns)
{
    public double Duration => (double)Channels[0].Length / SampleRate;
}

/// <summary>A turn's audio and where its speech lies inside it, in seconds from the start of the audio.</summary>
public sealed record TurnSpeech(float[] Samples, double SpeechStart, double SpeechEnd);

/// <summary>One turn's speech in the rendered audio, in seconds; <see cref="Channel"/> is the speaker's channel (0 in mono).</summary>
public sealed record TurnSpan(int Index, string Speaker, int Channel, double Start, double End, string? Label, string? Text);
