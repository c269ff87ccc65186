using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Daily fx rates (USD per unit) for every non-USD currency: a mean-reverting random walk in log space from
/// realistic starting rates. BRL skips a few days, so consumers must fall back to the latest earlier rate.
/// </summary>
internal sealed class FxRateWalk
{
    private const string GappyCurrency = "BRL";
    private static readonly double[] MissingAt = [0.31, 0.315, 0.62, 0.86];

    private readonly decimal?[][] _rates; // [currency][day]

    public FxRateWalk(GeneratorOptions options)
    {
        var random = RandomStream.For(options.Seed, StreamPurpose.FxRates, 0);
        _rates = new decimal?[AppCatalog.Currencies.Length][];
        for (int c = 0; c < AppCatalog.Currencies.Length; c++)
        {
            var (currency, start, volatility) = AppCatalog.Currencies[c];
            var series = new decimal?[options.Days];
            double logStart = Math.Log(start), log = logStart;
            double drift = random.Normal(0, volatility / 8); // each currency trends a little
            for (int day = 0; day < options.Days; day++)
            {
                series[day] = RoundSignificant(Math.Exp(log), 6);
                log += drift + volatility * random.Normal() + 0.01 * (logStart - log);
            }
            if (currency == GappyCurrency)
            {
                foreach (double at in MissingAt)
                {
                    int day = (int)(at * options.Days);
                    if (day > 0) // day 0 always has a rate, so every amount can be converted
                        series[day] = null;
                }
            }
            _rates[c] = series;
        }
    }

    public IEnumerable<FxRateRecord> On(int day, DateOnly date)
    {
        for (int c = 0; c < _rates.Length; c++)
        {
            if (_rates[c][day] is { } rate)
                yield return new FxRateRecord(date, AppCatalog.Currencies[c].Currency, rate);
        }
    }

    private static decimal RoundSignificant(double value, int digits)
    {
        int decimals = digits - 1 - (int)Math.Floor(Math.Log10(value));
        return Math.Round((decimal)value, Math.Clamp(decimals, 0, 12));
    }
}
