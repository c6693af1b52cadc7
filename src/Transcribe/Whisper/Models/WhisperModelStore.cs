using System.Net;
using System.Security.Cryptography;

namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>The configured model folder: what is in it, whether it is intact, and downloads into it.</summary>
public sealed class WhisperModelStore(string folder)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Every ggml-*.bin file in the folder, checked for structure (and, when <paramref name="hash"/>, against the official SHA-256).</summary>
    public async Task<IReadOnlyList<LocalWhisperModel>> CheckAsync(bool hash, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder)) return [];
        var found = new List<LocalWhisperModel>();
        foreach (var path in Directory.EnumerateFiles(Folder, "ggml-*.bin").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path)["ggml-".Length..];
            var official = WhisperModelCatalog.Find(name);
            var bytes = new FileInfo(path).Length;
            string? problem = null;
            var verified = false;
            try
            {
                WhisperModelFile.Inspect(path);
                if (official is not null && bytes != official.Bytes)
                    problem = $"{bytes} bytes, official file has {official.Bytes}";
                else if (official is not null && hash)
                {
                    var sha = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
                    verified = sha == official.Sha256;
                    if (!verified) problem = $"sha256 {sha}, official {official.Sha256}";
                }
            }
            catch (WhisperModelException e)
            {
                problem = e.Message;
            }
            found.Add(new LocalWhisperModel(name, path, bytes, official, problem, verified));
        }
        return found;
    }

    /// <summary>Downloads an official model, checking size and SHA-256 before it takes the final name.</summary>
    public async Task<string> PullAsync(string name, HttpMessageHandler? handler, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var model = WhisperModelCatalog.Find(name) ?? throw new WhisperModelDownloadException(
            $"unknown model '{name}'; official models with known hashes: {string.Join(", ", WhisperModelCatalog.Models.Select(m => m.Name))}");
        Directory.CreateDirectory(Folder);
        var destination = Path.Combine(Folder, model.FileName);
        var partial = destination + ".part";
        using var client = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        try
        {
            using var response = await client.GetAsync(model.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new WhisperModelDownloadException($"downloading {model.Url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                var buffer = new byte[1 << 20];
                long total = 0;
                for (int n; (n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0;)
                {
                    await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    progress?.Report(total += n);
                }
            }
            var bytes = new FileInfo(partial).Length;
            if (bytes != model.Bytes)
                throw new WhisperModelDownloadException($"{model.Url}: received {bytes} bytes, the official file has {model.Bytes}");
            var sha = await Sha256Async(partial, cancellationToken).ConfigureAwait(false);
            if (sha != model.Sha256)
                throw new WhisperModelDownloadException($"{model.Url}: sha256 {sha}, expected {model.Sha256}");
            File.Move(partial, destination, overwrite: true);
            return destination;
        }
        catch (HttpRequestException e)
        {
            throw new WhisperModelDownloadException(
                $"could not download {model.Url}: {e.Message}. Without internet access, copy {model.FileName} into {Folder} " +
                "by other means and run `emostream models verify`", e);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
