using EmoStream.Transcribe.Whisper.Models;

namespace EmoStream.Transcribe.Tests.Whisper;

public sealed class WhisperModelFileTests
{
    [Fact]
    public void A_written_random_model_has_the_layout_the_loader_expects()
    {
        var info = WhisperModelFile.Inspect(TinyWhisperModel.ModelPath);
        Assert.Equal(TinyWhisperModel.HyperParameters, info.HyperParameters);
        Assert.Equal(11 + 15 * 1 + 24 * 1, info.TensorCount);
        Assert.Equal(50256, info.VocabularyEntries);
        Assert.Equal(new FileInfo(TinyWhisperModel.ModelPath).Length, info.Bytes);
    }

    [Theory]
    [InlineData("tiny.en", 77_704_715)]
    [InlineData("base.en", 147_964_211)]
    public void The_layout_at_official_dimensions_accounts_for_the_official_file_size(string model, long officialBytes)
    {
        var h = model == "tiny.en" ? WhisperHyperParameters.TinyEn : WhisperHyperParameters.BaseEn;
        var tensorBytes = WhisperModelLayout.Tensors(h).Sum(t => 12 + 4 * t.Shape.Length + t.Name.Length + t.ByteCount);
        // The rest of the official file is the header, mel filters and the real vocabulary: well under 1 MB.
        Assert.InRange(officialBytes - tensorBytes, 0, 1_000_000);
    }

    [Fact]
    public void A_truncated_model_is_reported_with_its_name_and_where_it_ends()
    {
        var length = new FileInfo(TinyWhisperModel.ModelPath).Length;
        var path = TinyWhisperModel.Damaged("truncated.bin", bytes: length - 1000);
        var e = Assert.Throws<WhisperModelException>(() => WhisperModelFile.Inspect(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_file_cut_between_tensors_is_reported_as_incomplete()
    {
        // Cut right after the vocabulary: no tensors at all (whisper.cpp itself would accept that as an "empty model").
        var tensorBytes = WhisperModelLayout.Tensors(TinyWhisperModel.HyperParameters)
            .Sum(t => 12 + 4 * t.Shape.Length + t.Name.Length + t.ByteCount);
        var vocabularyEnd = new FileInfo(TinyWhisperModel.ModelPath).Length - tensorBytes;
        var path = TinyWhisperModel.Damaged("no-tensors.bin", bytes: vocabularyEnd);
        var e = Assert.Throws<WhisperModelException>(() => WhisperModelFile.Inspect(path));
        Assert.Contains("0 of 50 tensors", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_ggml_model_is_rejected_by_its_magic()
    {
        var path = TinyWhisperModel.Damaged("not-ggml.bin", corrupt: d => d[0] ^= 0xff);
        var e = Assert.Throws<WhisperModelException>(() => WhisperModelFile.Inspect(path));
        Assert.Contains("not a ggml model", e.Message);
    }

    [Fact]
    public void Corrupt_hyper_parameters_are_named()
    {
        // n_audio_state (fourth int32) no longer equals n_text_state.
        var path = TinyWhisperModel.Damaged("bad-state.bin", corrupt: d => d[12] = 65);
        var e = Assert.Throws<WhisperModelException>(() => WhisperModelFile.Inspect(path));
        Assert.Contains("n_audio_state 65", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<WhisperModelException>(() => WhisperModelFile.Inspect("/nonexistent/ggml-base.en.bin"));
        Assert.Contains("/nonexistent/ggml-base.en.bin", e.Message);
    }
}
