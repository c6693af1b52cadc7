using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

public sealed class LexicalTokenizerTests
{
    private static string Tokens(string? text) => string.Join(" ", LexicalTokenizer.Tokenize(text).Select(t => t.Text));

    [Theory]
    [InlineData("Hello WORLD", "hello world")]
    [InlineData("ÉCOLE Straße", "école straße")]
    public void Lower_cases(string text, string expected) => Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("Wait... what?!", "wait ... what ? !")]
    [InlineData("No!!! Really??", "no ! really ?")]
    [InlineData("Well, (maybe) not; fine.", "well , ( maybe ) not ; fine .")]
    [InlineData("He said \"go\" and 'left'", "he said go and left")]
    [InlineData("well—I mean – no", "well - i mean - no")]
    [InlineData("a well-known fact", "a well-known fact")]
    [InlineData("end-", "end -")]
    public void Separates_punctuation(string text, string expected) => Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("don't", "do not")]
    [InlineData("Can't", "can not")]
    [InlineData("I'm", "i am")]
    [InlineData("won't", "will not")]
    [InlineData("they're here", "they are here")]
    [InlineData("we've, you'll, she'd", "we have , you will , she would")]
    [InlineData("I'd've", "i would have")]
    [InlineData("it's John's", "it is john")]
    [InlineData("what's that's", "what is that is")]
    [InlineData("let's go, y'all", "let us go , you all")]
    [InlineData("C'mon, y'know", "come on , you know")]
    [InlineData("nothin' goin' on", "nothing going on")]
    [InlineData("'cause I said", "because i said")]
    [InlineData("O'Brien", "o brien")]
    public void Expands_contractions(string text, string expected) => Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("I’m “fine”, don’t worry", "i am fine , do not worry")]
    [InlineData("I\u0092m sure\u0085", "i am sure ...")]
    [InlineData("‘quoted’ «guillemets»", "quoted guillemets")]
    public void Folds_unicode_and_windows_1252_quotes(string text, string expected) => Assert.Equal(expected, Tokens(text));

    [Fact]
    public void Keeps_numbers_whole_with_decimal_point_and_without_grouping_commas()
    {
        var tokens = LexicalTokenizer.Tokenize("It costs $3.50, about 1,000 times 2. Version 1.2.3 in 2019");

        Assert.Equal(
            ["it", "costs", "$", "3.50", ",", "about", "1000", "times", "2", ".", "version", "1", "2", "3", "in", "2019"],
            tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.Number, tokens[3].Kind);
        Assert.Equal(TokenKind.Number, tokens[6].Kind);
        Assert.Equal(TokenKind.Punctuation, tokens[9].Kind);
        Assert.Equal(TokenKind.Word, tokens[0].Kind);
    }

    [Fact]
    public void Keeps_letters_and_digits_together_as_words()
    {
        var tokens = LexicalTokenizer.Tokenize("h1n1 and mp3s");

        Assert.Equal([("h1n1", TokenKind.Word), ("and", TokenKind.Word), ("mp3s", TokenKind.Word)], tokens.Select(t => (t.Text, t.Kind)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("\"'")]
    public void Gives_nothing_for_empty_text(string? text) => Assert.Empty(LexicalTokenizer.Tokenize(text));
}
