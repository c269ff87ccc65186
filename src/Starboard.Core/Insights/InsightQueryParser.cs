using System.Text.Json;

namespace Starboard.Core.Insights;

/// <summary>
/// Turns the query JSON of `starboard insight` and `POST /v1/insights` into a typed query, or an
/// <see cref="InsightQueryException"/> naming the first field that is wrong.
/// </summary>
public static class InsightQueryParser
{
    public static readonly IReadOnlyList<string> Kinds = ["retention", "stickiness", "lifecycle", "trends", "funnel"];

    private const int MaxIntervals = 1000;

    public static InsightQuery Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InsightQueryException("query", $"not valid JSON ({e.Message.Split('.')[0]})");
        }
        using (document)
            return Parse(document.RootElement);
    }

    public static InsightQuery Parse(JsonElement root)
    {
        var o = new QueryObject(root, "");
        var kind = o.String("kind") ?? throw new InsightQueryException("kind", $"required ({QueryObject.Names(Kinds)})");
        InsightQuery query = kind switch
        {
            "retention" => Retention(o),
            "stickiness" => Stickiness(o),
            "lifecycle" => new LifecycleQuery { Kind = kind, DateFrom = null!, Calendar = null!, Series = Series(o), Interval = Interval(o, "interval", hours: false) },
            "trends" => Trends(o),
            "funnel" => Funnel(o),
            _ => throw new InsightQueryException("kind", $"'{kind}' is not one of {QueryObject.Names(Kinds)}"),
        };
        query = Common(o, query with { Kind = kind });
        o.RejectUnknown($"a {kind} query");
        return query;
    }

    private static InsightQuery Common(QueryObject o, InsightQuery query)
    {
        var zoneName = o.String("timezone") ?? "UTC";
        var zone = InsightCalendar.FindZone(zoneName)
            ?? throw new InsightQueryException("timezone", $"unknown time zone '{zoneName}' (expected an IANA name such as Europe/Berlin)");
        var weekStart = o.Choice("week_start", DayOfWeek.Sunday, ("sunday", DayOfWeek.Sunday), ("monday", DayOfWeek.Monday));
        var from = Date(o, "date_from", allowAll: true) ?? DateValue.TryParse("-7d", false)!;
        var to = Date(o, "date_to", allowAll: false);
        DateTime? now = null;
        if (o.String("now") is { } nowText)
        {
            var calendar = new InsightCalendar(zone, weekStart);
            now = DateValue.TryParse(nowText, false) switch
            {
                DateValue.Instant i => i.Utc,
                DateValue.Wall w => calendar.ToUtc(w.Local),
                _ => throw new InsightQueryException("now", $"'{nowText}' is not an ISO date or date-time"),
            };
        }
        return query with
        {
            DateFrom = from,
            DateTo = to,
            NowUtc = now,
            Calendar = new InsightCalendar(zone, weekStart),
            Filters = Filters(o, "filters"),
        };
    }

    private static DateValue? Date(QueryObject o, string name, bool allowAll)
    {
        var text = o.String(name);
        if (text is null)
            return null;
        return DateValue.TryParse(text, allowAll)
            ?? throw new InsightQueryException(name, $"'{text}' is not a date (expected YYYY-MM-DD, an ISO date-time, " +
                (allowAll ? "-Nh, -Nd, -Nw, -Nm or all)" : "-Nh, -Nd, -Nw or -Nm)"));
    }

    private static RetentionQuery Retention(QueryObject o)
    {
        var target = Matcher(o.Object("target") ?? throw new InsightQueryException("target", "required (an event matcher such as {\"event\": \"signup\"})"));
        return new RetentionQuery
        {
            Kind = "retention", DateFrom = null!, Calendar = null!,
            Period = Interval(o, "period"),
            TotalIntervals = o.Int("total_intervals", 8, 1, MaxIntervals, "must be a positive integer"),
            Target = target,
            Returning = o.Object("returning") is { } r ? Matcher(r) : target,
            FirstTime = o.Choice("retention_type", false, ("recurring", false), ("first_time", true)),
            Cumulative = o.Bool("cumulative", false),
            MinimumOccurrences = o.Int("minimum_occurrences", 1, 1, int.MaxValue, "must be a positive integer"),
        };
    }

    private static StickinessQuery Stickiness(QueryObject o)
    {
        StickinessCriteria? criteria = null;
        if (o.Object("criteria") is { } c)
        {
            criteria = new StickinessCriteria(
                c.Choice("operator", CriteriaOperator.Gte, ("gte", CriteriaOperator.Gte), ("lte", CriteriaOperator.Lte), ("exact", CriteriaOperator.Exact)),
                c.Int("value", -1, 1, int.MaxValue, "must be a positive integer") is var v && v > 0 ? v : throw new InsightQueryException(c.PathOf("value"), "required (a positive integer)"));
            c.RejectUnknown("criteria");
        }
        var compareTo = o.String("compare_to");
        return new StickinessQuery
        {
            Kind = "stickiness", DateFrom = null!, Calendar = null!,
            Series = Series(o),
            Interval = Interval(o, "interval"),
            IntervalCount = o.Int("interval_count", 1, 1, MaxIntervals, "must be a positive integer"),
            Cumulative = o.Choice("computed_as", false, ("non_cumulative", false), ("cumulative", true)),
            Criteria = criteria,
            Compare = o.Bool("compare", false) || compareTo is not null,
            CompareTo = compareTo is null ? null
                : RelativeShift.TryParse(compareTo) ?? throw new InsightQueryException("compare_to", $"'{compareTo}' is not a shift ({RelativeShift.Forms})"),
        };
    }

    private static TrendsQuery Trends(QueryObject o)
    {
        var (series, math) = SeriesWith(o, s => s.Choice("math", ActiveUsersMath.Dau,
            ("dau", ActiveUsersMath.Dau), ("weekly_active", ActiveUsersMath.WeeklyActive), ("monthly_active", ActiveUsersMath.MonthlyActive)));
        Breakdown? breakdown = null;
        if (o.Object("breakdown") is { } b)
        {
            breakdown = new Breakdown(
                b.Choice("type", FilterType.Event, ("event", FilterType.Event), ("person", FilterType.Person)),
                b.String("property", required: true)!);
            b.RejectUnknown("a breakdown");
        }
        return new TrendsQuery
        {
            Kind = "trends", DateFrom = null!, Calendar = null!,
            Series = series,
            Math = math,
            Interval = Interval(o, "interval"),
            Aggregate = o.Choice("display", false, ("series", false), ("aggregate", true)),
            Breakdown = breakdown,
        };
    }

    private static FunnelQuery Funnel(QueryObject o)
    {
        var steps = o.Objects("steps").Select(Matcher).ToList();
        if (steps.Count is < 2 or > 32)
            throw new InsightQueryException("steps", $"a funnel needs 2 to 32 steps, got {steps.Count}");
        var window = TimeSpan.FromDays(14);
        if (o.Object("conversion_window") is { } w)
        {
            var value = w.Int("value", 0, 1, int.MaxValue, "must be a positive integer");
            if (value == 0) throw new InsightQueryException(w.PathOf("value"), "required (a positive integer)");
            var unit = w.Choice("unit", TimeSpan.FromDays(1), ("second", TimeSpan.FromSeconds(1)), ("minute", TimeSpan.FromMinutes(1)),
                ("hour", TimeSpan.FromHours(1)), ("day", TimeSpan.FromDays(1)), ("week", TimeSpan.FromDays(7)));
            w.RejectUnknown("conversion_window");
            window = unit * value;
        }
        var exclusions = o.Objects("exclusions").Select(x =>
        {
            var e = new FunnelExclusion(
                x.String("event", required: true)!,
                x.Int("from_step", 0, 0, steps.Count - 1, "must be a step number (0 is the first step)"),
                x.Has("to_step") ? x.Int("to_step", 0, 0, steps.Count - 1, "must be a step number (0 is the first step)")
                    : throw new InsightQueryException(x.PathOf("to_step"), "required"));
            if (e.ToStep <= e.FromStep)
                throw new InsightQueryException(x.PathOf("to_step"), $"must be a later step than from_step ({e.FromStep})");
            x.RejectUnknown("an exclusion");
            return e;
        }).ToList();
        if (exclusions.Count > 32)
            throw new InsightQueryException("exclusions", $"at most 32, got {exclusions.Count}");
        return new FunnelQuery
        {
            Kind = "funnel", DateFrom = null!, Calendar = null!,
            Steps = steps, ConversionWindow = window, Exclusions = exclusions,
        };
    }

    private static Interval Interval(QueryObject o, string name, bool hours = true)
    {
        (string, Interval)[] choices = [("day", Insights.Interval.Day), ("week", Insights.Interval.Week), ("month", Insights.Interval.Month)];
        return o.Choice(name, Insights.Interval.Day, hours ? [("hour", Insights.Interval.Hour), .. choices] : choices);
    }

    private static EventMatcher Series(QueryObject o) => SeriesWith(o, _ => 0).Matcher;

    /// <summary>`series`: exactly one matcher; <paramref name="extra"/> reads fields the kind adds to it (trends' `math`).</summary>
    private static (EventMatcher Matcher, T Extra) SeriesWith<T>(QueryObject o, Func<QueryObject, T> extra)
    {
        var series = o.Objects("series");
        if (series.Count != 1)
            throw new InsightQueryException("series", $"must hold exactly one event matcher, got {series.Count}");
        var value = extra(series[0]);
        return (Matcher(series[0]), value);
    }

    private static EventMatcher Matcher(QueryObject o)
    {
        var name = o.String("event");
        var matcher = new EventMatcher(name, Filters(o, "properties"));
        o.RejectUnknown("an event matcher");
        return matcher;
    }

    private static IReadOnlyList<PropertyFilter> Filters(QueryObject o, string name) => o.Objects(name).Select(Filter).ToList();

    private static PropertyFilter Filter(QueryObject f)
    {
        var type = f.Choice("type", FilterType.Event, ("event", FilterType.Event), ("person", FilterType.Person));
        var key = f.String("key", required: true)!;
        if (key.Length == 0)
            throw new InsightQueryException(f.PathOf("key"), "must not be empty");
        var op = f.Choice("operator", FilterOperator.Exact,
            ("exact", FilterOperator.Exact), ("is_not", FilterOperator.IsNot), ("icontains", FilterOperator.IContains),
            ("not_icontains", FilterOperator.NotIContains), ("gt", FilterOperator.Gt), ("lt", FilterOperator.Lt), ("is_set", FilterOperator.IsSet));
        var raw = f.Raw("value");
        f.RejectUnknown("a property filter");
        if (op == FilterOperator.IsSet)
            return new PropertyFilter(type, key, op, [], null);
        var path = f.PathOf("value");
        if (raw is null || raw.Value.ValueKind == JsonValueKind.Null)
            throw new InsightQueryException(path, "required");
        if (op is FilterOperator.Gt or FilterOperator.Lt)
        {
            var text = QueryObject.TextForm(raw.Value);
            return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? new PropertyFilter(type, key, op, [], number)
                : throw new InsightQueryException(path, "must be a number for gt and lt");
        }
        var items = raw.Value.ValueKind == JsonValueKind.Array ? raw.Value.EnumerateArray().ToList() : [raw.Value];
        if (items.Count == 0)
            throw new InsightQueryException(path, "must not be an empty list");
        var values = items.Select(v => QueryObject.TextForm(v) ?? throw new InsightQueryException(path, "must be a string, number, boolean or a list of them")).ToList();
        return new PropertyFilter(type, key, op, values, null);
    }
}
