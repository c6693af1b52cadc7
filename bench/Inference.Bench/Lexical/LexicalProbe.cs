using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Bench.Lexical;

/// <summary>MELD read through the product's importer, and a class-balanced softmax regression to compare lexical vectors.</summary>
public static class LexicalProbe
{
    public static IReadOnlyList<string> Texts(string sharedData)
    {
        var source = Path.Combine(sharedData, "meld");
        var log = new ImportLog();
        var options = new ImportOptions { Source = source, Output = Path.GetTempPath() };
        return new MeldImporter().Read(options, log, default).Concat(new EmoryNlpImporter().Read(options, log, default))
            .Select(u => u.Utterance.Text).OfType<string>().ToArray();
    }

    public static IReadOnlyList<CorpusUtterance> Meld(string sharedData)
    {
        var options = new ImportOptions { Source = Path.Combine(sharedData, "meld"), Output = Path.GetTempPath() };
        return new MeldImporter().Read(options, new ImportLog(), default).Select(u => u.Utterance).ToArray();
    }

    /// <summary>Trains on (x, y) with full-batch gradient descent on standardized inputs; returns (WA, UA) on the test set.</summary>
    public static (double Wa, double Ua) TrainAndScore(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int classes, int epochs = 400, double rate = 0.5)
    {
        var d = trainX[0].Length;
        var mean = new double[d];
        var std = new double[d];
        foreach (var x in trainX) for (var j = 0; j < d; j++) mean[j] += x[j] / trainX.Length;
        foreach (var x in trainX) for (var j = 0; j < d; j++) std[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / trainX.Length;
        for (var j = 0; j < d; j++) std[j] = Math.Sqrt(std[j]) + 1e-8;
        double[] Norm(float[] x) => x.Select((v, j) => (v - mean[j]) / std[j]).Append(1.0).ToArray();
        var tr = trainX.Select(Norm).ToArray();
        var te = testX.Select(Norm).ToArray();
        var counts = new double[classes];
        foreach (var y in trainY) counts[y]++;
        var weight = counts.Select(c => trainY.Length / (classes * c)).ToArray();
        var w = new double[classes, d + 1];
        var grad = new double[classes, d + 1];
        var p = new double[classes];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(grad);
            for (var i = 0; i < tr.Length; i++)
            {
                Softmax(w, tr[i], p);
                for (var c = 0; c < classes; c++)
                {
                    var g = weight[trainY[i]] * (p[c] - (c == trainY[i] ? 1 : 0));
                    for (var j = 0; j <= d; j++) grad[c, j] += g * tr[i][j];
                }
            }
            for (var c = 0; c < classes; c++)
                for (var j = 0; j <= d; j++) w[c, j] -= rate * (grad[c, j] / tr.Length + (j < d ? 1e-4 * w[c, j] : 0));
        }
        var correct = new int[classes];
        var total = new int[classes];
        for (var i = 0; i < te.Length; i++)
        {
            Softmax(w, te[i], p);
            var guess = Array.IndexOf(p, p.Max());
            total[testY[i]]++;
            if (guess == testY[i]) correct[testY[i]]++;
        }
        var wa = (double)correct.Sum() / total.Sum();
        var ua = Enumerable.Range(0, classes).Where(c => total[c] > 0).Average(c => (double)correct[c] / total[c]);
        return (wa, ua);
    }

    private static void Softmax(double[,] w, double[] x, double[] p)
    {
        for (var c = 0; c < p.Length; c++)
        {
            var s = 0.0;
            for (var j = 0; j < x.Length; j++) s += w[c, j] * x[j];
            p[c] = s;
        }
        var max = p.Max();
        var sum = 0.0;
        for (var c = 0; c < p.Length; c++) sum += p[c] = Math.Exp(p[c] - max);
        for (var c = 0; c < p.Length; c++) p[c] /= sum;
    }
}
