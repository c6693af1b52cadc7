namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>
/// The tensors a model with given hyper-parameters must contain, as whisper.cpp 1.9.1's <c>whisper_model_load</c>
/// creates them (src/whisper.cpp and whisper-arch.h): matrices in the file's weight type, convolution kernels
/// in f16 (f32 for an f32 file), everything else f32.
/// </summary>
public static class WhisperModelLayout
{
    public static IReadOnlyList<WhisperTensorSpec> Tensors(WhisperHyperParameters h)
    {
        var w = GgmlTypes.WeightType(h.FType) ?? throw new ArgumentException($"unknown ftype {h.FType}", nameof(h));
        var conv = w == GgmlType.F32 ? GgmlType.F32 : GgmlType.F16;
        const GgmlType f32 = GgmlType.F32;
        var list = new List<WhisperTensorSpec>();
        void Add(string name, GgmlType type, params int[] shape) => list.Add(new WhisperTensorSpec(name, shape, type));

        int a = h.NAudioState, t = h.NTextState;
        Add("encoder.positional_embedding", f32, a, h.NAudioCtx);
        Add("encoder.conv1.weight", conv, 3, h.NMels, a);
        Add("encoder.conv1.bias", f32, 1, a);
        Add("encoder.conv2.weight", conv, 3, a, a);
        Add("encoder.conv2.bias", f32, 1, a);
        Add("encoder.ln_post.weight", f32, a);
        Add("encoder.ln_post.bias", f32, a);
        for (var i = 0; i < h.NAudioLayer; i++) AddBlock($"encoder.blocks.{i}", "attn", a);

        Add("decoder.positional_embedding", f32, t, h.NTextCtx);
        Add("decoder.token_embedding.weight", w, t, h.NVocab);
        Add("decoder.ln.weight", f32, t);
        Add("decoder.ln.bias", f32, t);
        for (var i = 0; i < h.NTextLayer; i++)
        {
            AddBlock($"decoder.blocks.{i}", "attn", t);
            AddAttention($"decoder.blocks.{i}", "cross_attn", t);
        }
        return list;

        void AddBlock(string prefix, string attention, int n)
        {
            Add($"{prefix}.mlp_ln.weight", f32, n);
            Add($"{prefix}.mlp_ln.bias", f32, n);
            Add($"{prefix}.mlp.0.weight", w, n, 4 * n);
            Add($"{prefix}.mlp.0.bias", f32, 4 * n);
            Add($"{prefix}.mlp.2.weight", w, 4 * n, n);
            Add($"{prefix}.mlp.2.bias", f32, n);
            AddAttention(prefix, attention, n);
        }

        void AddAttention(string prefix, string attention, int n)
        {
            Add($"{prefix}.{attention}_ln.weight", f32, n);
            Add($"{prefix}.{attention}_ln.bias", f32, n);
            Add($"{prefix}.{attention}.query.weight", w, n, n);
            Add($"{prefix}.{attention}.query.bias", f32, n);
            Add($"{prefix}.{attention}.key.weight", w, n, n);
            Add($"{prefix}.{attention}.value.weight", w, n, n);
            Add($"{prefix}.{attention}.value.bias", f32, n);
            Add($"{prefix}.{attention}.out.weight", w, n, n);
            Add($"{prefix}.{attention}.out.bias", f32, n);
        }
    }
}
