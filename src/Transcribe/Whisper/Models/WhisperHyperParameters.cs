namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>The hyper-parameters at the head of a ggml Whisper model file, in file order.</summary>
public sealed record WhisperHyperParameters(
    int NVocab,
    int NAudioCtx,
    int NAudioState,
    int NAudioHead,
    int NAudioLayer,
    int NTextCtx,
    int NTextState,
    int NTextHead,
    int NTextLayer,
    int NMels,
    int FType)
{
    /// <summary>English-only vocabulary size; whisper.cpp's special token ids assume it.</summary>
    public const int EnglishVocabulary = 51864;

    /// <summary>Dimensions of the official tiny.en (f16).</summary>
    public static WhisperHyperParameters TinyEn { get; } = new(EnglishVocabulary, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1);

    /// <summary>Dimensions of the official base.en (f16).</summary>
    public static WhisperHyperParameters BaseEn { get; } = new(EnglishVocabulary, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1);

    /// <summary>Number of frequency bins of the mel filter bank (n_fft / 2 + 1 with n_fft = 400).</summary>
    public const int MelFftBins = 201;

    public int[] ToArray() => [NVocab, NAudioCtx, NAudioState, NAudioHead, NAudioLayer, NTextCtx, NTextState, NTextHead, NTextLayer, NMels, FType];

    public static WhisperHyperParameters FromArray(ReadOnlySpan<int> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
}
