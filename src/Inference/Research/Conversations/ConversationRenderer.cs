namespace EmoStream.Inference.Conversations;

/// <summary>
/// Lays a conversation's turns one after another with a pause between them: in stereo each speaker on a channel
/// of their own (a call recording), in mono all mixed (a room microphone). Speakers of more than two-speaker
/// dialogues share the channels in order of appearance (speaker i on channel i mod channels).
/// </summary>
/// <param name="Stereo">One channel per speaker (at most <see cref="MaxChannels"/>) instead of one mixed channel.</param>
/// <param name="MinGap">Shortest pause between turns, seconds.</param>
/// <param name="MaxGap">Longest pause between turns, seconds (each pause drawn uniformly in between).</param>
public sealed record ConversationRenderer(bool Stereo, double MinGap = 1.0, double MaxGap = 1.0, int SampleRate = 16_000)
{
    public const int MaxChannels = 2;

    /// <summary>Silence before the first turn and after the last.</summary>
    public const double LeadSeconds = 0.5;

    /// <param name="turnAudio">Each turn's speech, trimmed (<see cref="SpeechExtent"/>), at <see cref="SampleRate"/>.</param>
    public RenderedConversation Render(ConversationPlan plan, IReadOnlyList<TurnSpeech> turnAudio, Random random)
    {
        if (turnAudio.Count != plan.Turns.Count)
            throw new ArgumentException($"{plan.Id}: {plan.Turns.Count} turns but audio for {turnAudio.Count}");
        if (MinGap < 0 || MaxGap < MinGap) throw new ArgumentException($"pauses between turns: expected 0 <= min <= max, got {MinGap}..{MaxGap}");
        var speakers = plan.Turns.Select(t => t.Speaker).Distinct(StringComparer.Ordinal).ToList();
        var channels = Stereo ? Math.Min(MaxChannels, speakers.Count) : 1;
        var lead = (int)(LeadSeconds * SampleRate);
        var spans = new List<TurnSpan>(plan.Turns.Count);
        var starts = new int[plan.Turns.Count];
        var at = lead;
        for (var i = 0; i < plan.Turns.Count; i++)
        {
            if (i > 0) at += (int)((MinGap + random.NextDouble() * (MaxGap - MinGap)) * SampleRate);
            var turn = plan.Turns[i];
            var channel = Stereo ? speakers.IndexOf(turn.Speaker) % channels : 0;
            starts[i] = at;
            var placed = (double)at / SampleRate;
            spans.Add(new TurnSpan(i, turn.Speaker, channel, placed + turnAudio[i].SpeechStart, placed + turnAudio[i].SpeechEnd, turn.Label, turn.Text));
            at += turnAudio[i].Samples.Length;
        }
        var buffers = Enumerable.Range(0, channels).Select(_ => new float[at + lead]).ToArray();
        for (var i = 0; i < spans.Count; i++)
        {
            var target = buffers[spans[i].Channel].AsSpan(starts[i]);
            var source = turnAudio[i].Samples;
            for (var s = 0; s < source.Length; s++) target[s] += source[s];
        }
        return new RenderedConversation(plan, SampleRate, buffers, spans);
    }
}
