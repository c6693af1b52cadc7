using EmoStream.Transcribe.Whisper.Models;
using Whisper.net;

namespace EmoStream.Transcribe.Whisper;

/// <summary>
/// One loaded model (Whisper.net's <see cref="WhisperFactory"/>: the weights, once) shared by every decoder of the
/// pool; each decoder adds only its own decoding state. It stays loaded until its owner and every decoder, including
/// one abandoned mid-call, released it: freeing the weights under a running call would crash the process.
/// </summary>
public sealed class WhisperModel
{
    private readonly WhisperFactory _factory;
    private int _references = 1;

    private WhisperModel(WhisperFactory factory, WhisperModelInfo info)
    {
        _factory = factory;
        Info = info;
    }

    public WhisperModelInfo Info { get; }

    /// <summary>Token ids from end-of-text up are special (timestamps, language, task): not words.</summary>
    public int EndOfText => Info.HyperParameters.NVocab > WhisperHyperParameters.EnglishVocabulary ? 50257 : 50256;

    /// <summary>Checks the file's structure (whisper.cpp may abort the process on a malformed file), then loads it on the CPU.</summary>
    /// <exception cref="WhisperModelException">The file is missing, malformed, or whisper.cpp refused it.</exception>
    public static WhisperModel Load(string path)
    {
        var info = WhisperModelFile.Inspect(path);
        try
        {
            return new WhisperModel(WhisperFactory.FromPath(path, new WhisperFactoryOptions { UseGpu = false, UseFlashAttention = false }), info);
        }
        catch (Exception e) when (e is WhisperModelLoadException or DllNotFoundException or InvalidOperationException)
        {
            throw new WhisperModelException($"Whisper model '{path}': Whisper.net could not load it: {e.Message}");
        }
    }

    /// <summary>A decoder of its own (one call at a time) holding a reference to the model.</summary>
    /// <param name="tune">Further decoding settings (the benchmark bounds the decoder with it).</param>
    public WhisperDecoder CreateDecoder(WhisperOptions options, Action<WhisperProcessorBuilder>? tune = null)
    {
        Interlocked.Increment(ref _references);
        try
        {
            var builder = _factory.CreateBuilder()
                .WithLanguage(options.Language)
                .WithThreads(Math.Max(1, options.Threads))
                .WithNoContext() // utterances of different sessions share a decoder: never carry text over
                .WithNoSpeechThreshold((float)options.NoSpeechThreshold)
                .WithProbabilities();
            if (!string.IsNullOrWhiteSpace(options.InitialPrompt)) builder = builder.WithPrompt(options.InitialPrompt);
            tune?.Invoke(builder);
            return new WhisperDecoder(builder.Build(), this);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Drops one reference; the last one frees the weights.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) _factory.Dispose();
    }
}
