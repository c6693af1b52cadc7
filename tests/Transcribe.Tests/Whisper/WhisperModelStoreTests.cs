using System.Net;
using EmoStream.Transcribe.Whisper.Models;

namespace EmoStream.Transcribe.Tests.Whisper;

public sealed class WhisperModelStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("emostream-model-store-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Stands in for the download server (the network is outside the product).</summary>
    private sealed class Server(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<Uri> Requested { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!);
            return Task.FromResult(respond(request));
        }
    }

    [Fact]
    public async Task Pull_asks_for_the_official_file_and_rejects_a_download_of_the_wrong_size_leaving_nothing_behind()
    {
        var server = new Server(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1000]) });
        var store = new WhisperModelStore(_folder.FullName);

        var e = await Assert.ThrowsAsync<WhisperModelDownloadException>(() => store.PullAsync("tiny.en", server, null, CancellationToken.None));

        Assert.Equal("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin", Assert.Single(server.Requested).ToString());
        Assert.Contains("received 1000 bytes", e.Message);
        Assert.Empty(_folder.GetFiles());
    }

    [Fact]
    public async Task Pull_without_a_network_says_what_to_do_instead()
    {
        var server = new Server(_ => throw new HttpRequestException("Name or service not known (huggingface.co:443)"));
        var e = await Assert.ThrowsAsync<WhisperModelDownloadException>(() =>
            new WhisperModelStore(_folder.FullName).PullAsync("base.en", server, null, CancellationToken.None));
        Assert.Contains("ggml-base.en.bin", e.Message);
        Assert.Contains("models verify", e.Message);
        Assert.Contains(_folder.FullName, e.Message);
    }

    [Fact]
    public async Task Pull_of_an_unknown_model_names_the_known_ones()
    {
        var e = await Assert.ThrowsAsync<WhisperModelDownloadException>(() =>
            new WhisperModelStore(_folder.FullName).PullAsync("large-v9", new Server(_ => throw new InvalidOperationException("no request expected")), null, CancellationToken.None));
        Assert.Contains("tiny.en, tiny.en-q8_0, base.en", e.Message);
    }

    [Fact]
    public async Task Check_finds_intact_broken_and_impostor_files()
    {
        File.Copy(TinyWhisperModel.ModelPath, Path.Combine(_folder.FullName, "ggml-tiny-random.bin"));
        File.Copy(TinyWhisperModel.ModelPath, Path.Combine(_folder.FullName, "ggml-tiny.en.bin"));
        await File.WriteAllBytesAsync(Path.Combine(_folder.FullName, "ggml-empty.bin"), []);

        var found = (await new WhisperModelStore(_folder.FullName).CheckAsync(hash: true, CancellationToken.None)).ToDictionary(m => m.Name);

        Assert.Null(found["tiny-random"].Problem);
        Assert.Null(found["tiny-random"].Official);
        Assert.Contains("official file has 77704715", found["tiny.en"].Problem);
        Assert.Contains("truncated", found["empty"].Problem);
    }
}
