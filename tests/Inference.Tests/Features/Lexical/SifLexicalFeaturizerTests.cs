using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

[Collection(GloveCollection.Name)]
public sealed class SifLexicalFeaturizerTests(GloveFixture glove)
{
    private SifLexicalFeaturizer Featurizer
    {
        get
        {
            glove.SkipIfAbsent();
            return glove.Featurizer!;
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }

    [SkippableFact]
    public void Loads_the_whole_glove_vocabulary_in_frequency_order()
    {
        glove.SkipIfAbsent();
        var v = glove.Vectors!;

        Assert.Equal(341_479, v.Count);
        Assert.Equal(100, v.Dimension);
        Assert.Equal(["the", ",", ".", "of", "to"], v.Words.Take(5));
        Assert.Equal(0, v.RankOf("the"));
        Assert.Equal(-1, v.RankOf("qzxjvwplk"));
        // First values of "the" in the package JSON, kept to float16 precision.
        Assert.Equal(-0.038194, (double)v.Row(0)[0], 3);
        Assert.Equal(-0.24487, (double)v.Row(0)[1], 3);
        Assert.Equal(0.72812, (double)v.Row(0)[2], 3);
    }

    [SkippableFact]
    public void Describes_itself_with_every_setting_that_changes_the_numbers()
    {
        var info = Featurizer.Info;

        Assert.Equal("lexical/glove-sif@1", info.Id);
        Assert.Equal(Modality.Lexical, info.Modality);
        Assert.Equal(100, info.Dimension);
        Assert.Contains("a=0.001", info.Settings);
        Assert.Contains($"sha256={glove.Vectors!.ContentHash[..16]}", info.Settings);
        Assert.Contains("words=341479", info.Settings);
        Assert.Contains("pc=unigram-top50000", info.Settings);
        Assert.Contains("substitutes=i:me,a:an", info.Settings);
        var other = new SifLexicalFeaturizer(glove.Vectors, new LexicalFeaturizerOptions { SifA = 1e-4 });
        Assert.False(info.SameAs(other.Info));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("?!...")]
    [InlineData("— , ; !")]
    [InlineData("qzxjvwplk blorptvexq")]
    [InlineData("qzxjvwplk !!!")]
    public void Marks_text_without_a_known_word_missing(string? text) => Assert.Null(Featurizer.Extract(text));

    [SkippableFact]
    public void Ignores_out_of_vocabulary_words_beside_known_ones()
    {
        var known = Featurizer.Extract("I love this song");
        var mixed = Featurizer.Extract("I love this qzxjvwplk song");

        Assert.NotNull(known);
        Assert.Equal(known, mixed);
    }

    [SkippableTheory]
    [InlineData("I don't know", "i do not know")]
    [InlineData("I’M FINE", "i am fine")]
    [InlineData("1,000 dollars", "one thousand dollars")]
    [InlineData("a 3.5 rating", "a three point five rating")]
    [InlineData("a state-of-the-qzxjvwplk plan", "a state of the plan")]
    [InlineData("I did it", "me did it")]
    public void Gives_equivalent_spellings_the_same_vector(string text, string equivalent)
    {
        var a = Featurizer.Extract(text)!;
        var b = Featurizer.Extract(equivalent)!;

        for (var i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 5);
    }

    [SkippableTheory]
    [InlineData("I am so happy and glad today!", "I feel joyful and delighted.", "The committee adjourned the budget hearing until March.")]
    [InlineData("I hate you, get out of my house!", "I am furious and angry at you.", "The recipe needs two cups of flour and an egg.")]
    [InlineData("She cried all night after the funeral.", "He was sad and grieving, in tears.", "Shares of the company rose in early trading.")]
    [InlineData("Can we meet for coffee tomorrow morning?", "Let's grab a coffee tomorrow.", "The volcano erupted, spewing ash over the island.")]
    public void Puts_similar_sentences_closer_than_unrelated_ones(string text, string similar, string unrelated)
    {
        var t = Featurizer.Extract(text)!;

        Assert.True(Cosine(t, Featurizer.Extract(similar)!) > Cosine(t, Featurizer.Extract(unrelated)!) + 0.1,
            $"cos(similar) {Cosine(t, Featurizer.Extract(similar)!):F3} vs cos(unrelated) {Cosine(t, Featurizer.Extract(unrelated)!):F3}");
    }

    [SkippableFact]
    public void Removes_the_common_component_deterministically()
    {
        glove.SkipIfAbsent();
        var again = new SifLexicalFeaturizer(glove.Vectors!, new LexicalFeaturizerOptions());
        var without = new SifLexicalFeaturizer(glove.Vectors!, new LexicalFeaturizerOptions { RemoveCommonComponent = false });
        const string text = "Oh my God, I can't believe you did that!";

        Assert.Equal(Featurizer.Extract(text), again.Extract(text));
        var raw = without.Extract(text)!;
        var removed = Featurizer.Extract(text)!;
        // What was removed is one direction, so a second sentence's removed part is parallel to the first's.
        var other = "We should go to the beach this weekend.";
        var d1 = raw.Zip(removed, (x, y) => x - y).ToArray();
        var d2 = without.Extract(other)!.Zip(Featurizer.Extract(other)!, (x, y) => x - y).ToArray();
        Assert.True(d1.Select(Math.Abs).Max() > 1e-3, "common-component removal changed nothing");
        Assert.Equal(1.0, Math.Abs(Cosine(d1, d2)), 3);
        Assert.Contains("pc=none", without.Info.Settings);
    }

    [SkippableFact]
    public void Counts_punctuation_only_beside_words_and_only_when_asked()
    {
        glove.SkipIfAbsent();
        var noPunctuation = new SifLexicalFeaturizer(glove.Vectors!, new LexicalFeaturizerOptions { IncludePunctuation = false });

        Assert.NotEqual(Featurizer.Extract("you did that"), Featurizer.Extract("you did that?!"));
        Assert.Equal(noPunctuation.Extract("you did that"), noPunctuation.Extract("you did that?!"));
    }
}
