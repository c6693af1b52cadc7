using System.Buffers.Binary;
using System.Text;

namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>
/// The ggml Whisper model format (whisper.cpp's legacy loader): magic "ggml", 11 int32 hyper-parameters, the
/// mel filter bank (n_mel, n_fft, floats), the vocabulary (count, then length-prefixed byte strings), then
/// tensors until the end of the file (n_dims, name length, type, ne[n_dims], name, data). whisper.cpp may abort
/// the process on a malformed file, so <see cref="Inspect"/> walks the whole structure, without reading tensor
/// data, before any file reaches it.
/// </summary>
public static class WhisperModelFile
{
    public const uint Magic = 0x67676d6c; // "ggml", little-endian

    public static WhisperModelInfo Inspect(string path)
    {
        if (!File.Exists(path)) throw new WhisperModelException($"Whisper model '{path}' does not exist");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new Reader(stream, path);

        var magic = (uint)reader.Int32("magic");
        if (magic != Magic)
            throw new WhisperModelException($"Whisper model '{path}': not a ggml model (magic 0x{magic:x8}, expected 0x{Magic:x8})");

        Span<int> values = stackalloc int[11];
        for (var i = 0; i < values.Length; i++) values[i] = reader.Int32("hyper-parameters");
        var h = WhisperHyperParameters.FromArray(values);
        CheckHyperParameters(path, h);

        var melCount = reader.Int32("mel filter count");
        var fftCount = reader.Int32("mel filter width");
        if (melCount != h.NMels || fftCount is < 1 or > 4096)
            throw new WhisperModelException($"Whisper model '{path}': mel filter bank is {melCount} x {fftCount}, expected {h.NMels} x 1..4096");
        reader.Skip(4L * melCount * fftCount, "mel filter bank");

        var vocabulary = reader.Int32("vocabulary size");
        if (vocabulary < 0 || vocabulary > h.NVocab)
            throw new WhisperModelException($"Whisper model '{path}': vocabulary has {vocabulary} entries, expected 0..{h.NVocab}");
        var hasSpace = false;
        for (var i = 0; i < vocabulary; i++)
        {
            var length = reader.Int32("vocabulary entry length");
            if (length is < 0 or > 1024)
                throw new WhisperModelException($"Whisper model '{path}': vocabulary entry {i} is {length} bytes long, expected 0..1024");
            if (length == 1) hasSpace |= reader.Text(1, "vocabulary") == " ";
            else reader.Skip(length, "vocabulary");
        }
        // whisper.cpp looks the blank token up unconditionally while decoding and aborts the process without it.
        if (!hasSpace)
            throw new WhisperModelException($"Whisper model '{path}': the vocabulary lacks the \" \" token every Whisper vocabulary has");

        var expected = WhisperModelLayout.Tensors(h).ToDictionary(t => t.Name);
        var seen = new HashSet<string>();
        while (!reader.AtEnd)
        {
            var dims = reader.Int32("tensor header");
            var nameLength = reader.Int32("tensor header");
            var type = reader.Int32("tensor header");
            if (dims is < 1 or > 4 || nameLength is < 1 or > 256 || !GgmlTypes.IsKnown(type))
                throw new WhisperModelException($"Whisper model '{path}': corrupt tensor header at byte {reader.Position - 12} " +
                    $"(dimensions {dims}, name length {nameLength}, type {type})");
            var shape = new int[dims];
            for (var d = 0; d < dims; d++) shape[d] = reader.Int32("tensor shape");
            var name = reader.Text(nameLength, "tensor name");
            if (!expected.TryGetValue(name, out var spec))
                throw new WhisperModelException($"Whisper model '{path}': unexpected tensor '{name}' for these hyper-parameters");
            if (!seen.Add(name))
                throw new WhisperModelException($"Whisper model '{path}': tensor '{name}' appears twice");
            if (!spec.Shape.SequenceEqual(shape) || spec.Type != (GgmlType)type)
                throw new WhisperModelException($"Whisper model '{path}': tensor '{name}' is {(GgmlType)type} [{string.Join(", ", shape)}], " +
                    $"expected {spec.Type} [{string.Join(", ", spec.Shape)}]");
            reader.Skip(spec.ByteCount, $"tensor '{name}'");
        }
        if (seen.Count != expected.Count)
        {
            var missing = expected.Keys.First(k => !seen.Contains(k));
            throw new WhisperModelException($"Whisper model '{path}': {seen.Count} of {expected.Count} tensors present (first missing: '{missing}'); the file is truncated or incomplete");
        }
        return new WhisperModelInfo(path, stream.Length, h, vocabulary, seen.Count);
    }

    private static void CheckHyperParameters(string path, WhisperHyperParameters h)
    {
        string? problem = null;
        if (h.NVocab is < WhisperHyperParameters.EnglishVocabulary or > 60000) problem = $"n_vocab {h.NVocab}, expected {WhisperHyperParameters.EnglishVocabulary}..60000";
        else if (h.NMels is not (80 or 128)) problem = $"n_mels {h.NMels}, expected 80 or 128";
        else if (h.NAudioState != h.NTextState) problem = $"n_audio_state {h.NAudioState} differs from n_text_state {h.NTextState}";
        else if (h.NAudioState is < 1 or > 4096 || h.NAudioHead < 1 || h.NAudioState % h.NAudioHead != 0 || h.NTextHead < 1 || h.NTextState % h.NTextHead != 0)
            problem = $"state {h.NAudioState} is not divisible into {h.NAudioHead} audio / {h.NTextHead} text heads";
        else if (h.NAudioLayer is < 1 or > 64 || h.NTextLayer is < 1 or > 64) problem = $"{h.NAudioLayer} audio / {h.NTextLayer} text layers, expected 1..64";
        else if (h.NAudioCtx is < 1 or > 1500 || h.NTextCtx is < 1 or > 4096) problem = $"n_audio_ctx {h.NAudioCtx} / n_text_ctx {h.NTextCtx} out of range";
        else if (GgmlTypes.WeightType(h.FType) is null) problem = $"unknown ftype {h.FType}";
        if (problem is not null) throw new WhisperModelException($"Whisper model '{path}': bad hyper-parameters: {problem}");
    }

    /// <summary>
    /// Writes a structurally complete model with random weights: it loads and runs at the real cost of its
    /// dimensions and transcribes nothing meaningful (tests and benchmarks; no real weights can be had offline).
    /// </summary>
    public static void WriteRandom(string path, WhisperHyperParameters h, int seed)
    {
        var random = new Random(seed);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        foreach (var v in h.ToArray()) writer.Write(v);

        writer.Write(h.NMels);
        writer.Write(WhisperHyperParameters.MelFftBins);
        for (var i = 0; i < h.NMels * WhisperHyperParameters.MelFftBins; i++) writer.Write(random.NextSingle() * 0.01f);

        // Text tokens below end-of-text (50256), as in GPT-2's vocabulary: the 256 single bytes first (" " among
        // them, which the decoder needs), then made-up words; the loader names the special tokens itself.
        const int textTokens = 50256;
        writer.Write(textTokens);
        for (var i = 0; i < textTokens; i++)
        {
            var word = i < 256 ? [(byte)i] : Encoding.UTF8.GetBytes($" w{i}");
            writer.Write(word.Length);
            writer.Write(word);
        }

        foreach (var spec in WhisperModelLayout.Tensors(h))
        {
            writer.Write(spec.Shape.Length);
            var name = Encoding.ASCII.GetBytes(spec.Name);
            writer.Write(name.Length);
            writer.Write((int)spec.Type);
            foreach (var d in spec.Shape) writer.Write(d);
            writer.Write(name);
            WriteRandomValues(writer, spec, random);
        }
    }

    private static void WriteRandomValues(BinaryWriter writer, WhisperTensorSpec spec, Random random)
    {
        // Small values keep activations finite through layer norms and softmaxes.
        const float scale = 0.05f;
        var buffer = new byte[1 << 16];
        var size = spec.Type switch
        {
            GgmlType.F32 => 4,
            GgmlType.F16 => 2,
            _ => throw new ArgumentException($"random weights are written as f32 or f16, not {spec.Type}", nameof(spec)),
        };
        for (long left = spec.Elements; left > 0;)
        {
            var n = (int)Math.Min(left, buffer.Length / size);
            for (var i = 0; i < n; i++)
            {
                var value = (random.NextSingle() * 2 - 1) * scale;
                if (size == 4) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), value);
                else BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)value);
            }
            writer.Write(buffer, 0, n * size);
            left -= n;
        }
    }

    /// <summary>Little-endian reads that fail with the file's name and offset when the file ends early.</summary>
    private sealed class Reader(FileStream stream, string path)
    {
        private readonly byte[] _buffer = new byte[256];

        public long Position => stream.Position;

        public bool AtEnd => stream.Position >= stream.Length;

        public int Int32(string what)
        {
            Need(4, what);
            stream.ReadExactly(_buffer, 0, 4);
            return BinaryPrimitives.ReadInt32LittleEndian(_buffer);
        }

        public string Text(int length, string what)
        {
            Need(length, what);
            stream.ReadExactly(_buffer, 0, length);
            return Encoding.UTF8.GetString(_buffer, 0, length);
        }

        public void Skip(long bytes, string what)
        {
            Need(bytes, what);
            stream.Seek(bytes, SeekOrigin.Current);
        }

        private void Need(long bytes, string what)
        {
            if (stream.Length - stream.Position < bytes)
                throw new WhisperModelException($"Whisper model '{path}' is truncated: it ends at byte {stream.Length} " +
                    $"inside the {what} (needs {stream.Position + bytes} bytes)");
        }
    }
}
