namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>Where an assembled utterance's text comes from.</summary>
public enum TextSource
{
    /// <summary>The product's own transcriber on the captured audio: text as the live pipeline has it.</summary>
    Asr,

    /// <summary>The corpus's transcript of the turn, for a turn captured as one utterance (a fragment gets none: its words are unknown).</summary>
    Corpus,

    /// <summary>Conversations alternate between <see cref="Asr"/> and <see cref="Corpus"/>.</summary>
    Mixed,
}
