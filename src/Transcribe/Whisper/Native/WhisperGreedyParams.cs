using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary>The anonymous <c>greedy</c> struct inside <c>whisper_full_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WhisperGreedyParams
{
    public int best_of;
}
