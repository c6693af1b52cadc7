using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary>
/// <c>struct whisper_full_params</c> of whisper.cpp 1.9.1, field for field and in order (304 bytes on x86-64);
/// a test compiles a C program against the header and compares every offset. Start from
/// <c>whisper_full_default_params</c> and change only what is needed.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct WhisperFullParams
{
    public WhisperSamplingStrategy strategy;
    public int n_threads;
    public int n_max_text_ctx;
    public int offset_ms;
    public int duration_ms;
    public CBool translate;
    public CBool no_context;
    public CBool no_timestamps;
    public CBool single_segment;
    public CBool print_special;
    public CBool print_progress;
    public CBool print_realtime;
    public CBool print_timestamps;
    public CBool token_timestamps;
    public float thold_pt;
    public float thold_ptsum;
    public int max_len;
    public CBool split_on_word;
    public int max_tokens;
    public CBool debug_mode;
    public int audio_ctx;
    public CBool tdrz_enable;
    public IntPtr suppress_regex;
    public IntPtr initial_prompt;
    public CBool carry_initial_prompt;
    public IntPtr prompt_tokens;
    public int prompt_n_tokens;
    public IntPtr language;
    public CBool detect_language;
    public CBool suppress_blank;
    public CBool suppress_nst;
    public float temperature;
    public float max_initial_ts;
    public float length_penalty;
    public float temperature_inc;
    public float entropy_thold;
    public float logprob_thold;
    public float no_speech_thold;
    public WhisperGreedyParams greedy;
    public WhisperBeamSearchParams beam_search;
    public IntPtr new_segment_callback;
    public IntPtr new_segment_callback_user_data;
    public IntPtr progress_callback;
    public IntPtr progress_callback_user_data;
    public IntPtr encoder_begin_callback;
    public IntPtr encoder_begin_callback_user_data;
    public IntPtr abort_callback;
    public IntPtr abort_callback_user_data;
    public IntPtr logits_filter_callback;
    public IntPtr logits_filter_callback_user_data;
    public IntPtr grammar_rules;
    public nuint n_grammar_rules;
    public nuint i_start_rule;
    public float grammar_penalty;
    public CBool vad;
    public IntPtr vad_model_path;
    public WhisperVadParams vad_params;
}
