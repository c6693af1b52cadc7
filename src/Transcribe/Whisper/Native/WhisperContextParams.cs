using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary><c>struct whisper_context_params</c> of whisper.cpp 1.9.1, field for field (48 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WhisperContextParams
{
    public CBool use_gpu;
    public CBool flash_attn;
    public int gpu_device;
    public CBool dtw_token_timestamps;
    public int dtw_aheads_preset;
    public int dtw_n_top;
    public WhisperAheads dtw_aheads;
    public nuint dtw_mem_size;
}
