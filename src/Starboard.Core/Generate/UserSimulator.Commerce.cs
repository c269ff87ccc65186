using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

internal static partial class UserSimulator
{
    private const double ResendPaymentShare = 0.005;

    private static readonly WeightedChoice<string> WebMethods = new(("card", 62), ("paypal", 26), ("bank_transfer", 12));
    private static readonly WeightedChoice<string> IosMethods = new(("apple_pay", 48), ("card", 42), ("paypal", 10));
    private static readonly WeightedChoice<string> AndroidMethods = new(("google_pay", 42), ("card", 48), ("paypal", 10));

    /// <summary>
    /// An order is placed, paid (a failed payment may be retried), then re-sent as a completed or cancelled version
    /// with a later updated_at. A successful purchase also shows up as a purchase_complete event.
    /// </summary>
    private static void PlaceOrder(Visit v, int viewedProduct)
    {
        var u = v.User;
        var r = u.Random;
        string currency = u.Currency;
        var items = new List<OrderItem> { Item(viewedProduct, currency, r) };
        if (r.Chance(0.3))
        {
            int other = r.NextInt(AppCatalog.Products.Length);
            if (other != viewedProduct)
                items.Add(Item(other, currency, r));
        }
        decimal amount = items.Sum(i => i.Quantity * i.UnitPrice);
        string orderId = $"o-{u.Index + 1}-{++u.Orders}";
        var placedAt = v.Now;
        var placed = new OrderRecord(orderId, u.Id, placedAt, "placed", amount, currency, null, items);
        v.Batch.Orders.Add(placed);

        var paidAt = placedAt.AddMilliseconds(r.NextInt(2_000, 20_000));
        DateTime? succeededAt = null;
        PaymentRecord? succeeded = null;
        for (int attempt = 0; attempt < 2 && paidAt < v.Day.PeriodEnd; attempt++)
        {
            bool ok = r.Chance(attempt == 0 ? 0.9 : 0.8);
            var payment = Payment(v.Batch, u, paidAt, amount, currency, ok, orderId);
            if (ok)
            {
                (succeededAt, succeeded) = (paidAt, payment);
                break;
            }
            if (!r.Chance(0.6))
                break;
            paidAt = paidAt.AddMilliseconds(r.NextInt(30_000, 300_000)); // the user tries again
        }

        if (succeeded is not null)
        {
            v.Ms = (long)(succeededAt!.Value - v.Day.Start).TotalMilliseconds + r.NextInt(500, 3_000);
            Emit(v, "purchase_complete", null, null);
            var completedAt = succeededAt.Value.AddMilliseconds(r.NextInt(1_000, 60_000));
            if (completedAt < v.Day.PeriodEnd)
                v.Batch.Orders.Add(placed with { Status = "completed", UpdatedAt = completedAt });
            MaybeRefund(u, succeeded, 0.05);
        }
        else if (r.Chance(0.7))
        {
            var cancelledAt = paidAt.AddMilliseconds(r.NextInt(600_000, 3_600_000));
            if (cancelledAt < v.Day.PeriodEnd)
                v.Batch.Orders.Add(placed with { Status = "cancelled", UpdatedAt = cancelledAt });
        }
        // else: the order stays placed, abandoned after a failed payment
    }

    private static OrderItem Item(int product, string currency, RandomStream r) =>
        new(AppCatalog.Products[product].Sku, r.NextInt(10) switch { < 8 => 1, 8 => 2, _ => 3 },
            PriceList.Product(product, currency));

    internal static PaymentRecord Payment(DayBatch batch, SimulatedUser u, DateTime ts, decimal amount, string currency,
        bool succeeded, string? orderId)
    {
        var r = u.Random;
        string method = u.Platform switch
        {
            "ios" => IosMethods.Next(r),
            "android" => AndroidMethods.Next(r),
            _ => WebMethods.Next(r),
        };
        var payment = new PaymentRecord($"p-{u.Index + 1}-{++u.Payments}", u.Id, ts, amount, currency,
            succeeded ? "succeeded" : "failed", null, orderId, method, u.Platform);
        batch.Payments.Add(payment);
        if (r.Chance(ResendPaymentShare))
            batch.ResentPayments.Add(payment); // the payment provider's webhook fired twice
        return payment;
    }

    /// <summary>Decides now whether a succeeded payment is refunded later (full or partial).</summary>
    internal static void MaybeRefund(SimulatedUser u, PaymentRecord payment, double probability)
    {
        var r = u.Random;
        if (!r.Chance(probability))
            return;
        var at = payment.Ts.AddMilliseconds(r.NextInt(2 * 3_600_000, 20 * 86_400_000));
        decimal amount = payment.Amount;
        if (r.Chance(0.4))
        {
            decimal share = (decimal)r.Uniform(0.2, 0.7);
            amount = PriceList.IsIntegral(payment.Currency)
                ? Math.Max(1, Math.Round(amount * share))
                : Math.Max(0.01m, Math.Round(amount * share, 2));
        }
        u.PendingRefunds ??= [];
        u.PendingRefunds.Add(new RefundRecord($"r-{u.Index + 1}-{++u.Refunds}", payment.PaymentId, u.Id, at, amount,
            payment.Currency));
    }

    private static void RefundsDue(SimulatedUser u, SimDay day, DayBatch batch)
    {
        if (u.PendingRefunds is not { Count: > 0 } pending)
            return;
        var dayEnd = day.Start.AddDays(1);
        for (int i = 0; i < pending.Count; i++)
        {
            if (pending[i].Ts < dayEnd)
            {
                batch.Refunds.Add(pending[i]);
                pending.RemoveAt(i--);
            }
        }
    }
}
