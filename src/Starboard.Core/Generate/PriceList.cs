namespace Starboard.Core.Generate;

/// <summary>
/// Local list prices, set once from the starting fx rates and rounded the way stores price (4.99, 399, 750).
/// Prices stay fixed while fx rates walk, so revenue in USD moves with the currencies, as it does for real apps.
/// </summary>
internal static class PriceList
{
    private static readonly Dictionary<string, decimal[]> ProductPrices = new();
    private static readonly Dictionary<string, decimal[]> PlanPrices = new();

    static PriceList()
    {
        ProductPrices[AppCatalog.ReportingCurrency] = AppCatalog.Products.Select(p => p.UsdPrice).ToArray();
        PlanPrices[AppCatalog.ReportingCurrency] = AppCatalog.PlanUsdPrices;
        foreach (var (currency, usdPerUnit, _) in AppCatalog.Currencies)
        {
            ProductPrices[currency] = AppCatalog.Products.Select(p => Local(p.UsdPrice, currency, usdPerUnit)).ToArray();
            PlanPrices[currency] = AppCatalog.PlanUsdPrices.Select(p => Local(p, currency, usdPerUnit)).ToArray();
        }
    }

    public static decimal Product(int index, string currency) => ProductPrices[currency][index];

    public static decimal Plan(int planIndex, string currency) => PlanPrices[currency][planIndex];

    /// <summary>True for currencies without minor units in practice (amounts are whole numbers).</summary>
    public static bool IsIntegral(string currency) => currency is "JPY" or "INR";

    private static decimal Local(decimal usd, string currency, double usdPerUnit)
    {
        if (usd == 0)
            return 0;
        double local = (double)usd / usdPerUnit;
        return currency switch
        {
            "JPY" => (decimal)(Math.Round(local / 10) * 10),          // 750
            "INR" => (decimal)(Math.Max(1, Math.Round(local / 10)) * 10 - 1), // 409
            _ => (decimal)Math.Ceiling(local) - 0.01m,                 // 4.99
        };
    }
}
