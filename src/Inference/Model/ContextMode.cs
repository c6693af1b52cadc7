namespace EmoStream.Inference.Model;

/// <summary>How SA-GRU sees the dialogue.</summary>
public enum ContextMode
{
    /// <summary>The paper's model: bidirectional GRU (50 units each way), attention over the whole dialogue.</summary>
    Offline,

    /// <summary>Streaming: unidirectional GRU (100 units), attention masked to past and present utterances.</summary>
    Causal,
}
