namespace EmoStream.Inference.Features.Acoustic.Sets;

/// <summary>Which frames a functional summarizes (frames where the descriptor has no value are always skipped).</summary>
public enum FrameSelection
{
    All,
    Voiced,
    Unvoiced,
}
