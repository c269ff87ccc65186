using Starboard.Core.Run;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>
/// SPEC section 3, "Keys and versions", as staging applies it: a repeated key keeps the version with the latest
/// updated_at (else the one loaded last); events are immutable, so the first one stands; users keep every
/// version. Payments from separate feeds are combined with UNION ALL before that.
/// </summary>
public sealed class DeduplicationTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    private void Load(params string[] lines) => _w.Ingest(_w.WriteFile($"load{Directory.GetFiles(_w.Folder).Length}.jsonl", lines));

    private void Stage(string model) => _w.Run(new RunOptions { Select = "+" + model });

    [Fact]
    public void Should_Keep_The_First_Copy_Of_An_Event()
    {
        Load("""{"type":"event","event_id":"e1","user_id":"u1","name":"first","ts":"2026-01-01T10:00:00Z"}""",
             """{"type":"event","event_id":"e1","user_id":"u1","name":"second","ts":"2026-01-01T11:00:00Z"}""");
        Load("""{"type":"event","event_id":"e1","user_id":"u1","name":"third","ts":"2026-01-01T12:00:00Z"}""");

        Stage("stg_events");

        _w.Strings("SELECT name FROM stg_events").ShouldBe(["first"]);
    }

    [Fact]
    public void Should_Move_Staged_Events_To_The_User_An_Alias_Loaded_Later_Names()
    {
        Load("""{"type":"event","event_id":"e1","user_id":"anon","name":"visit","ts":"2026-01-01T10:00:00Z"}""",
             """{"type":"event","event_id":"e2","user_id":"anon","name":"visit","ts":"2026-01-05T10:00:00Z"}""",
             """{"type":"event","event_id":"e3","user_id":"u2","name":"visit","ts":"2026-01-05T11:00:00Z"}""");
        Stage("stg_events");
        Load("""{"type":"alias","distinct_id":"anon","user_id":"u1"}""",
             """{"type":"event","event_id":"e4","user_id":"u1","name":"signup","ts":"2026-01-09T10:00:00Z"}""");

        Stage("stg_events");

        // The moved events are replaced on their own days (stg_events replaces rows within the batch's days only).
        _w.Query<(string, string)>("SELECT event_id, user_id FROM stg_events ORDER BY event_id").ShouldBe(
            [("e1", "u1"), ("e2", "u1"), ("e3", "u2"), ("e4", "u1")]);
    }

    [Fact]
    public void Should_Keep_Every_User_Version_And_The_Last_Loaded_Copy_Of_Each()
    {
        Load("""{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","plan":"free"}""",
             """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-02-01T00:00:00Z","plan":"pro"}""");
        Load("""{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z","plan":"trial"}""");

        Stage("stg_users");

        // The first and third lines are the same version (updated_at defaults to created_at): the later one wins.
        _w.Query<(DateTime, string)>("SELECT updated_at, plan FROM stg_users ORDER BY updated_at").ShouldBe(
            [(new DateTime(2026, 1, 1, 10, 0, 0), "trial"), (new DateTime(2026, 2, 1), "pro")]);
    }

    [Fact]
    public void Should_Keep_The_Last_Loaded_Session_Refund_Alias_And_Rate()
    {
        Load("""{"type":"session","session_id":"s1","user_id":"u1","started_at":"2026-01-01T10:00:00Z","device":"old"}""",
             """{"type":"refund","refund_id":"r1","payment_id":"p1","user_id":"u1","ts":"2026-01-02T10:00:00Z","amount":1,"currency":"USD"}""",
             """{"type":"alias","distinct_id":"anon","user_id":"u1"}""",
             """{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.1}""");
        Load("""{"type":"session","session_id":"s1","user_id":"u1","started_at":"2026-01-01T10:00:00Z","device":"new"}""",
             """{"type":"refund","refund_id":"r1","payment_id":"p1","user_id":"u1","ts":"2026-01-02T10:00:00Z","amount":2,"currency":"USD"}""",
             """{"type":"alias","distinct_id":"anon","user_id":"u2"}""",
             """{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.2}""");

        Stage("stg_sessions");
        Stage("stg_refunds");
        Stage("stg_fx_rates");

        _w.Strings("SELECT device FROM stg_sessions").ShouldBe(["new"]);
        _w.Query<decimal>("SELECT amount FROM stg_refunds").ShouldBe([2m]);
        _w.Strings("SELECT user_id FROM stg_aliases").ShouldBe(["u2"]);
        _w.Query<decimal>("SELECT rate FROM stg_fx_rates").ShouldBe([1.2m]);
    }

    [Fact]
    public void Should_Keep_The_Latest_Order_Version_And_The_Last_Loaded_Copy_Of_Other_Keys()
    {
        // Given orders with versions, a repeated subscription action, a re-sent error, campaign and restated ad spend day
        Load("""{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"completed","amount":9,"currency":"USD","updated_at":"2026-01-01T10:05:00Z"}""",
             """{"type":"order","order_id":"o2","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"placed","amount":5,"currency":"USD"}""",
             """{"type":"subscription","subscription_id":"s1","user_id":"u1","ts":"2026-01-01T10:00:00Z","action":"start","plan":"basic","mrr":9.99,"currency":"USD"}""",
             """{"type":"error","error_id":"x1","ts":"2026-01-01T10:00:00Z","code":"E1","severity":"error"}""",
             """{"type":"campaign","campaign_id":"c1","name":"old name","channel":"paid_search"}""",
             """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":10,"currency":"USD"}""");
        Load("""{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"placed","amount":9,"currency":"USD"}""",
             """{"type":"order","order_id":"o2","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"cancelled","amount":5,"currency":"USD"}""",
             """{"type":"subscription","subscription_id":"s1","user_id":"u1","ts":"2026-01-01T10:00:00Z","action":"start","plan":"pro","mrr":19.99,"currency":"USD"}""",
             """{"type":"subscription","subscription_id":"s1","user_id":"u1","ts":"2026-02-01T10:00:00Z","action":"cancel","plan":"pro","mrr":0,"currency":"USD"}""",
             """{"type":"error","error_id":"x1","ts":"2026-01-01T10:00:00Z","code":"E2","severity":"error"}""",
             """{"type":"campaign","campaign_id":"c1","name":"new name","channel":"paid_search"}""",
             """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":12,"currency":"USD"}""");

        // When staged
        Stage("stg_orders");
        Stage("stg_subscriptions");
        Stage("stg_errors");
        Stage("stg_campaigns");
        Stage("stg_ad_spend");

        // Then o1 keeps its completed version (the later updated_at, though loaded first); o2 the one loaded last;
        // s1 keeps both actions (the key is id + ts + action), the start as loaded last; the rest as loaded last
        _w.Query<(string, string)>("SELECT order_id, status FROM stg_orders ORDER BY order_id").ShouldBe([("o1", "completed"), ("o2", "cancelled")]);
        _w.Query<(string, string)>("SELECT action, plan FROM stg_subscriptions ORDER BY ts").ShouldBe([("start", "pro"), ("cancel", "pro")]);
        _w.Strings("SELECT code FROM stg_errors").ShouldBe(["E2"]);
        _w.Strings("SELECT name FROM stg_campaigns").ShouldBe(["new name"]);
        _w.Query<decimal>("SELECT spend FROM stg_ad_spend").ShouldBe([12m]);
    }

    [Fact]
    public void Should_Route_Payments_To_Their_Feed()
    {
        // The record's source wins; without one the file name names the feed; else the feed is "other"
        _w.Ingest(_w.WriteFile("payments_ios.jsonl",
            """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"USD","status":"succeeded","source":"web"}""",
            """{"type":"payment","payment_id":"p2","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"USD","status":"succeeded"}"""));
        _w.Ingest(_w.WriteFile("payments.jsonl",
            """{"type":"payment","payment_id":"p3","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"USD","status":"succeeded"}"""));

        _w.Strings("SELECT payment_id FROM raw_payments_web").ShouldBe(["p1"]);
        _w.Strings("SELECT payment_id FROM raw_payments_ios").ShouldBe(["p2"]);
        _w.Strings("SELECT payment_id FROM raw_payments_other").ShouldBe(["p3"]);
        _w.Count("raw_payments_android").ShouldBe(0);
    }

    [Fact]
    public void Should_Combine_Payment_Feeds_And_Keep_The_Latest_Version_Of_Each_Payment()
    {
        // Given p1 reported by web, then updated by ios; p2 twice without updated_at; p3 with an older version loaded later
        Load("""{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":10,"currency":"USD","status":"failed","source":"web"}""",
             """{"type":"payment","payment_id":"p2","user_id":"u2","ts":"2026-01-01T10:00:00Z","amount":5,"currency":"USD","status":"succeeded","source":"android"}""",
             """{"type":"payment","payment_id":"p3","user_id":"u3","ts":"2026-01-01T10:00:00Z","amount":7,"currency":"EUR","status":"succeeded","updated_at":"2026-01-03T00:00:00Z","source":"web"}""");
        Load("""{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":10,"currency":"USD","status":"succeeded","updated_at":"2026-01-01T10:05:00Z","source":"ios"}""",
             """{"type":"payment","payment_id":"p2","user_id":"u2","ts":"2026-01-01T10:00:00Z","amount":6,"currency":"USD","status":"succeeded","source":"other"}""",
             """{"type":"payment","payment_id":"p3","user_id":"u3","ts":"2026-01-01T10:00:00Z","amount":7,"currency":"EUR","status":"failed","updated_at":"2026-01-02T00:00:00Z","source":"web"}""");

        // When staged
        Stage("stg_payments");

        // Then one row per payment: the latest updated_at across feeds, else the one loaded last
        _w.Query<(string, string, decimal, string)>("SELECT payment_id, status, amount, source FROM stg_payments ORDER BY payment_id").ShouldBe(
            [("p1", "succeeded", 10m, "ios"), ("p2", "succeeded", 6m, "other"), ("p3", "succeeded", 7m, "web")]);
    }

    [Fact]
    public void Should_Stage_Each_Load_As_It_Arrives_As_A_Full_Build_Would()
    {
        // Given keys staged from a first load, some of an anonymous user
        Load("""{"type":"order","order_id":"o1","user_id":"anon","ts":"2026-01-01T10:00:00Z","status":"completed","amount":9,"currency":"USD","updated_at":"2026-01-01T10:05:00Z"}""",
             """{"type":"payment","payment_id":"p1","user_id":"anon","ts":"2026-01-01T10:00:00Z","amount":7,"currency":"EUR","status":"succeeded","updated_at":"2026-01-03T00:00:00Z","source":"web"}""",
             """{"type":"subscription","subscription_id":"s1","user_id":"anon","ts":"2026-01-01T10:00:00Z","action":"start","plan":"basic","mrr":9.99,"currency":"USD"}""",
             """{"type":"error","error_id":"x1","user_id":"u2","ts":"2026-01-01T10:00:00Z","code":"E1","severity":"error"}""",
             """{"type":"error","error_id":"x2","user_id":"anon","ts":"2026-01-01T11:00:00Z","code":"E1","severity":"error"}""",
             """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":10,"currency":"USD"}""");
        Stage("stg_orders");
        Stage("stg_payments");
        Stage("stg_subscriptions");
        Stage("stg_errors");
        Stage("stg_ad_spend");

        // When a later load brings older versions, a new copy, a restated day and an alias naming the anonymous user
        Load("""{"type":"alias","distinct_id":"anon","user_id":"u1"}""",
             """{"type":"order","order_id":"o1","user_id":"anon","ts":"2026-01-01T10:00:00Z","status":"placed","amount":9,"currency":"USD"}""",
             """{"type":"payment","payment_id":"p1","user_id":"anon","ts":"2026-01-01T10:00:00Z","amount":7,"currency":"EUR","status":"failed","updated_at":"2026-01-02T00:00:00Z","source":"ios"}""",
             """{"type":"error","error_id":"x1","user_id":"u2","ts":"2026-01-01T10:00:00Z","code":"E2","severity":"error"}""",
             """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":12,"currency":"USD"}""");
        const string models = "stg_orders stg_payments stg_subscriptions stg_errors stg_ad_spend";
        _w.Run(new RunOptions { Select = string.Join(" ", models.Split(' ').Select(m => "+" + m)) });
        string Rows() => string.Join("\n",
            _w.Strings("SELECT order_id || ' ' || user_id || ' ' || status || ' ' || versions FROM stg_orders")
                .Concat(_w.Strings("SELECT payment_id || ' ' || user_id || ' ' || status || ' ' || source FROM stg_payments"))
                .Concat(_w.Strings("SELECT subscription_id || ' ' || user_id || ' ' || plan FROM stg_subscriptions"))
                .Concat(_w.Strings("SELECT error_id || ' ' || user_id || ' ' || code FROM stg_errors ORDER BY error_id"))
                .Concat(_w.Strings("SELECT campaign_id || ' ' || CAST(spend AS VARCHAR) FROM stg_ad_spend")));
        var incremental = Rows();

        // Then each key is as its latest version and the alias make it, exactly as a full build stages it
        incremental.ShouldBe("o1 u1 completed 2\np1 u1 succeeded web\ns1 u1 basic\nx1 u2 E2\nx2 u1 E1\nc1 12.000000");
        _w.Run(new RunOptions { Select = string.Join(" ", models.Split(' ').Select(m => "+" + m)), FullRefresh = true });
        Rows().ShouldBe(incremental);
    }

    public void Dispose() => _w.Dispose();
}
