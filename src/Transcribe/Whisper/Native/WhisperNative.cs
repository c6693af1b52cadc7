using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary>The part of whisper.cpp 1.9.1's C API the engine uses; the library is found by <see cref="WhisperLibrary"/>.</summary>
internal static unsafe partial class WhisperNative
{
    public const string Library = "whisper";

    static WhisperNative() => WhisperLibrary.EnsureResolver();

    [LibraryImport(Library)]
    public static partial WhisperContextParams whisper_context_default_params();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr whisper_init_from_file_with_params(string path, WhisperContextParams parameters);

    [LibraryImport(Library)]
    public static partial void whisper_free(IntPtr context);

    [LibraryImport(Library)]
    public static partial WhisperFullParams whisper_full_default_params(WhisperSamplingStrategy strategy);

    [LibraryImport(Library)]
    public static partial int whisper_full(IntPtr context, WhisperFullParams parameters, float* samples, int sampleCount);

    /// <summary>Mel spectrogram into the context's state (the benchmark times the encoder alone with it).</summary>
    [LibraryImport(Library)]
    public static partial int whisper_pcm_to_mel(IntPtr context, float* samples, int sampleCount, int threads);

    [LibraryImport(Library)]
    public static partial int whisper_encode(IntPtr context, int offset, int threads);

    [LibraryImport(Library)]
    public static partial int whisper_full_n_segments(IntPtr context);

    [LibraryImport(Library)]
    public static partial IntPtr whisper_full_get_segment_text(IntPtr context, int segment);

    [LibraryImport(Library)]
    public static partial float whisper_full_get_segment_no_speech_prob(IntPtr context, int segment);

    [LibraryImport(Library)]
    public static partial int whisper_full_n_tokens(IntPtr context, int segment);

    [LibraryImport(Library)]
    public static partial int whisper_full_get_token_id(IntPtr context, int segment, int token);

    [LibraryImport(Library)]
    public static partial float whisper_full_get_token_p(IntPtr context, int segment, int token);

    [LibraryImport(Library)]
    public static partial int whisper_token_eot(IntPtr context);

    [LibraryImport(Library)]
    public static partial IntPtr whisper_version();

    [LibraryImport(Library)]
    public static partial void whisper_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);
}
