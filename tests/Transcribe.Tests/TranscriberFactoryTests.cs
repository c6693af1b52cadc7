using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Tests.Whisper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Transcribe.Tests;

public sealed class TranscriberFactoryTests
{
    private static readonly PocketSphinxOptions MissingPocketSphinx = new() { ModelDirectory = "/nonexistent/pocketsphinx" };

    private static TranscriberFactory Factory(TranscriptionOptions options) => new(options, NullLoggerFactory.Instance);

    [Fact]
    public void Auto_takes_whisper_when_its_model_file_is_present()
    {
        var options = new TranscriptionOptions { Whisper = TinyWhisperModel.WhisperOptionsFor(TinyWhisperModel.ModelPath) };
        var selection = Factory(options).Select();
        Assert.Equal(TranscriptionEngine.Whisper, selection.Engine);
        Assert.Contains(TinyWhisperModel.ModelPath, selection.Reason);
    }

    [Fact]
    public async Task Auto_falls_back_to_pocketsphinx_without_a_whisper_model()
    {
        var options = new TranscriptionOptions { Whisper = { ModelDirectory = "/nonexistent/models" } };
        var factory = Factory(options);
        var selection = factory.Select();
        Assert.Equal(TranscriptionEngine.PocketSphinx, selection.Engine);
        Assert.Contains("/nonexistent/models/ggml-base.en.bin", selection.Reason);

        using var transcriber = await factory.CreateAsync(selection);
        Assert.Equal("pocketsphinx", Assert.IsType<PocketSphinxTranscriber>(transcriber).Engine);
    }

    [Fact]
    public async Task Auto_selects_none_when_no_engine_can_run_and_says_why()
    {
        var options = new TranscriptionOptions { Whisper = { ModelDirectory = "/nonexistent/models" }, PocketSphinx = MissingPocketSphinx };
        var factory = Factory(options);
        var selection = factory.Select();
        Assert.Equal(TranscriptionEngine.None, selection.Engine);
        Assert.Contains("ggml-base.en.bin", selection.Reason);
        Assert.Contains("/nonexistent/pocketsphinx", selection.Reason);
        Assert.Null(await factory.CreateAsync(selection));
    }

    [Fact]
    public void An_explicit_engine_is_taken_even_when_auto_would_choose_another()
    {
        var options = new TranscriptionOptions
        {
            Engine = TranscriptionEngine.PocketSphinx,
            Whisper = TinyWhisperModel.WhisperOptionsFor(TinyWhisperModel.ModelPath),
        };
        Assert.Equal(TranscriptionEngine.PocketSphinx, Factory(options).Select().Engine);
        options.Engine = TranscriptionEngine.None;
        Assert.Equal(TranscriptionEngine.None, Factory(options).Select().Engine);
    }

    [Fact]
    public async Task An_explicit_engine_that_cannot_run_fails_with_a_clear_message()
    {
        var options = new TranscriptionOptions { Engine = TranscriptionEngine.PocketSphinx, PocketSphinx = MissingPocketSphinx };
        var factory = Factory(options);
        var e = await Assert.ThrowsAsync<PocketSphinxException>(() => factory.CreateAsync(factory.Select()));
        Assert.Contains("/nonexistent/pocketsphinx", e.Message);
    }

    [Fact]
    public void Out_of_range_settings_are_named()
    {
        var e = Assert.Throws<TranscriptionConfigurationException>(() => Factory(new TranscriptionOptions { MaxConcurrentDecoders = 0 }));
        Assert.Contains("Transcription:MaxConcurrentDecoders is 0", e.Message);
        e = Assert.Throws<TranscriptionConfigurationException>(() => Factory(new TranscriptionOptions { Whisper = { MinConfidence = 2 } }));
        Assert.Contains("Whisper:MinConfidence is 2", e.Message);
    }

    [Fact]
    public void Options_bind_from_the_repository_appsettings()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Streaming.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root.FullName, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Transcription:Engine"] = "pocketsphinx" })
            .Build();

        var options = configuration.GetSection(TranscriptionOptions.SectionName).Get<TranscriptionOptions>()!;

        Assert.Equal(TranscriptionEngine.PocketSphinx, options.Engine);
        Assert.Equal(TimeSpan.FromSeconds(30), options.UtteranceTimeout);
        Assert.Equal("base.en", options.Whisper.Model);
        Assert.Equal("/usr/share/pocketsphinx/model/en-us", options.PocketSphinx.ModelDirectory);
    }
}
