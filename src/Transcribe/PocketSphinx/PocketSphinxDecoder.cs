using System.Runtime.InteropServices;
using EmoStream.Transcribe.Audio;

namespace EmoStream.Transcribe.PocketSphinx;

/// <summary>One native decoder (<c>ps_decoder_t</c>) with its configuration; not thread-safe, owned by the pool.</summary>
public sealed class PocketSphinxDecoder : SafeHandle
{
    private IntPtr _config;

    private PocketSphinxDecoder() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static unsafe PocketSphinxDecoder Create(PocketSphinxOptions options)
    {
        if (options.DescribeMissingModel() is { } missing)
            throw new PocketSphinxException($"{missing} (Debian package pocketsphinx-en-us)");

        string[] args =
        [
            "-hmm", options.AcousticModelPath,
            "-lm", options.LanguageModelPath,
            "-dict", options.DictionaryPath,
            "-logfn", "/dev/null", // the decoder logs verbosely to stderr otherwise
        ];
        var argv = stackalloc IntPtr[args.Length];
        for (var i = 0; i < args.Length; i++) argv[i] = Marshal.StringToCoTaskMemUTF8(args[i]);
        var decoder = new PocketSphinxDecoder();
        try
        {
            decoder._config = PocketSphinxNative.cmd_ln_parse_r(IntPtr.Zero, PocketSphinxNative.ps_args(), args.Length, argv, 1);
            if (decoder._config == IntPtr.Zero)
                throw new PocketSphinxException($"PocketSphinx rejected its arguments: {string.Join(' ', args)}");
            var ps = PocketSphinxNative.ps_init(decoder._config);
            if (ps == IntPtr.Zero)
                throw new PocketSphinxException($"PocketSphinx could not load its model from '{options.ModelDirectory}'");
            decoder.SetHandle(ps);
            // A fresh decoder decodes its first utterance unlike any later one (measured: different words on the
            // same audio); one second of silence spends that first decode, so a newly pooled decoder behaves like
            // the others. Later utterances still depend slightly on a decoder's history (the same sentence decoded
            // again on one decoder can come out differently), so results are not bit-for-bit reproducible.
            decoder.Decode(new short[SpeechAudio.SampleRate]);
            return decoder;
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
        finally
        {
            for (var i = 0; i < args.Length; i++) Marshal.FreeCoTaskMem(argv[i]);
        }
    }

    /// <summary>Decodes one whole utterance of 16 kHz 16-bit PCM.</summary>
    internal unsafe EngineOutput Decode(ReadOnlySpan<short> pcm)
    {
        var ps = handle;
        Check(PocketSphinxNative.ps_start_utt(ps), "ps_start_utt");
        fixed (short* data = pcm)
            if (PocketSphinxNative.ps_process_raw(ps, data, (nuint)pcm.Length, 0, 1) < 0)
            {
                PocketSphinxNative.ps_end_utt(ps);
                throw new PocketSphinxException("ps_process_raw failed");
            }
        Check(PocketSphinxNative.ps_end_utt(ps), "ps_end_utt");
        var text = Marshal.PtrToStringUTF8(PocketSphinxNative.ps_get_hyp(ps, out _))?.Trim() ?? "";
        if (text.Length == 0) return new EngineOutput("", 0);
        var posterior = PocketSphinxNative.logmath_exp(PocketSphinxNative.ps_get_logmath(ps), PocketSphinxNative.ps_get_prob(ps));
        return new EngineOutput(text, Math.Clamp(posterior, 0, 1));
    }

    private static void Check(int result, string call)
    {
        if (result < 0) throw new PocketSphinxException($"{call} failed with {result}");
    }

    protected override bool ReleaseHandle()
    {
        if (handle != IntPtr.Zero) PocketSphinxNative.ps_free(handle);
        if (_config != IntPtr.Zero) PocketSphinxNative.cmd_ln_free_r(_config);
        return true;
    }
}
