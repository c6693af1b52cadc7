using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.PocketSphinx;

/// <summary>The C API of Debian's libpocketsphinx3 (5prealpha) and libsphinxbase3 that the engine uses.</summary>
internal static unsafe partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinxLibrary)]
    public static partial IntPtr ps_args();

    [LibraryImport(SphinxBaseLibrary)]
    public static partial IntPtr cmd_ln_parse_r(IntPtr inoutCmdln, IntPtr definitions, int argc, IntPtr* argv, int strict);

    [LibraryImport(SphinxBaseLibrary)]
    public static partial int cmd_ln_free_r(IntPtr cmdln);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial IntPtr ps_init(IntPtr config);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_free(IntPtr ps);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_start_utt(IntPtr ps);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_process_raw(IntPtr ps, short* data, nuint sampleCount, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_end_utt(IntPtr ps);

    /// <summary>Returns a string owned by the decoder (valid until the next utterance), or null.</summary>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial IntPtr ps_get_hyp(IntPtr ps, out int bestScore);

    /// <summary>Log posterior probability of the hypothesis (in the decoder's log base).</summary>
    [LibraryImport(PocketSphinxLibrary)]
    public static partial int ps_get_prob(IntPtr ps);

    [LibraryImport(PocketSphinxLibrary)]
    public static partial IntPtr ps_get_logmath(IntPtr ps);

    [LibraryImport(SphinxBaseLibrary)]
    public static partial double logmath_exp(IntPtr logmath, int logValue);

    /// <summary>Whether both libraries load on this machine.</summary>
    public static bool IsInstalled()
    {
        foreach (var name in new[] { SphinxBaseLibrary, PocketSphinxLibrary })
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) return false;
            NativeLibrary.Free(handle);
        }
        return true;
    }
}
