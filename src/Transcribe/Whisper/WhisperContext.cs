using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EmoStream.Transcribe.Whisper.Models;
using EmoStream.Transcribe.Whisper.Native;

namespace EmoStream.Transcribe.Whisper;

/// <summary>A loaded model with its decoding state (<c>whisper_context</c>): one call at a time, owned by a pool.</summary>
public sealed class WhisperContext : SafeHandle
{
    private WhisperContext() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public WhisperModelInfo Model { get; private init; } = null!;

    /// <summary>Checks the file's structure, then loads it on the CPU.</summary>
    public static WhisperContext Load(string modelPath)
    {
        var info = WhisperModelFile.Inspect(modelPath);
        WhisperLibrary.RedirectLog();
        WhisperLibrary.TakeErrors();
        var parameters = WhisperNative.whisper_context_default_params();
        parameters.use_gpu = false;
        parameters.flash_attn = false;
        var pointer = WhisperNative.whisper_init_from_file_with_params(modelPath, parameters);
        if (pointer == IntPtr.Zero)
            throw new WhisperModelException($"Whisper model '{modelPath}': whisper.cpp could not load it: {WhisperLibrary.TakeErrors()}");
        var context = new WhisperContext { Model = info };
        context.SetHandle(pointer);
        return context;
    }

    /// <summary>Runs <c>whisper_full</c> on one utterance and reads back every segment.</summary>
    /// <param name="abort">Stops the native computation at its next step (whisper.cpp's abort callback).</param>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public unsafe IReadOnlyList<WhisperSegment> Transcribe(ReadOnlySpan<float> samples, WhisperOptions options, CancellationToken abort = default)
    {
        var parameters = WhisperNative.whisper_full_default_params(WhisperSamplingStrategy.Greedy);
        parameters.n_threads = Math.Max(1, options.Threads);
        parameters.no_context = true; // utterances of different sessions share a context: never carry text over
        parameters.no_timestamps = true;
        parameters.print_progress = false;
        parameters.print_realtime = false;
        parameters.print_timestamps = false;
        parameters.print_special = false;
        parameters.detect_language = false;
        parameters.suppress_nst = true;
        parameters.no_speech_thold = (float)options.NoSpeechThreshold;
        var language = Marshal.StringToCoTaskMemUTF8(options.Language);
        var prompt = string.IsNullOrWhiteSpace(options.InitialPrompt) ? IntPtr.Zero : Marshal.StringToCoTaskMemUTF8(options.InitialPrompt);
        // One native int per call: the token sets it, whisper.cpp polls it between graph computations.
        var abortFlag = (IntPtr)NativeMemory.AllocZeroed(sizeof(int));
        var registration = abort.Register(() => Volatile.Write(ref *(int*)abortFlag, 1));
        try
        {
            parameters.language = language;
            parameters.initial_prompt = prompt;
            parameters.abort_callback = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte>)&ShouldAbort;
            parameters.abort_callback_user_data = abortFlag;
            WhisperLibrary.TakeErrors();
            int result;
            fixed (float* data = samples)
                result = WhisperNative.whisper_full(handle, parameters, data, samples.Length);
            abort.ThrowIfCancellationRequested();
            if (result != 0)
                throw new WhisperException($"whisper_full failed with {result}: {WhisperLibrary.TakeErrors()}");
        }
        finally
        {
            registration.Dispose(); // waits for a running callback, so the flag outlives every write
            NativeMemory.Free((void*)abortFlag);
            Marshal.FreeCoTaskMem(language);
            if (prompt != IntPtr.Zero) Marshal.FreeCoTaskMem(prompt);
        }
        return ReadSegments();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe byte ShouldAbort(IntPtr flag) => Volatile.Read(ref *(int*)flag) != 0 ? (byte)1 : (byte)0;

    private IReadOnlyList<WhisperSegment> ReadSegments()
    {
        var endOfText = WhisperNative.whisper_token_eot(handle);
        var count = WhisperNative.whisper_full_n_segments(handle);
        var segments = new List<WhisperSegment>(count);
        for (var s = 0; s < count; s++)
        {
            var probabilities = new List<float>();
            var tokens = WhisperNative.whisper_full_n_tokens(handle, s);
            for (var t = 0; t < tokens; t++)
            {
                // Ids from end-of-text up are special (timestamps, language, task): not words.
                if (WhisperNative.whisper_full_get_token_id(handle, s, t) >= endOfText) continue;
                probabilities.Add(WhisperNative.whisper_full_get_token_p(handle, s, t));
            }
            var text = Marshal.PtrToStringUTF8(WhisperNative.whisper_full_get_segment_text(handle, s)) ?? "";
            segments.Add(new WhisperSegment(text, WhisperNative.whisper_full_get_segment_no_speech_prob(handle, s), probabilities));
        }
        return segments;
    }

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_free(handle);
        return true;
    }
}
