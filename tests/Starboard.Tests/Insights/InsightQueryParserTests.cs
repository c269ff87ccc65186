using Starboard.Core;
using Starboard.Core.Insights;

namespace Starboard.Tests.Insights;

public sealed class InsightQueryParserTests
{
    private const string Target = "\"target\": {\"event\": \"signup\"}";
    private const string Series = "\"series\": [{\"event\": \"like\"}]";

    [Theory]
    [InlineData("{}", "kind: required (retention, stickiness, lifecycle, trends or funnel)")]
    [InlineData("[1]", "query: must be a JSON object")]
    [InlineData("""{"kind": "pie"}""", "kind: 'pie' is not one of retention, stickiness, lifecycle, trends or funnel")]
    [InlineData("""{"kind": "retention", TARGET, "total_intervals": 0}""", "total_intervals: must be a positive integer")]
    [InlineData("""{"kind": "retention", TARGET, "total_intervals": "8"}""", "total_intervals: must be a positive integer")]
    [InlineData("""{"kind": "retention", TARGET, "total_intervals": 5000}""", "total_intervals: must be at most 1000")]
    [InlineData("""{"kind": "retention", TARGET, "minimum_occurrences": 0}""", "minimum_occurrences: must be a positive integer")]
    [InlineData("""{"kind": "retention", TARGET, "period": "year"}""", "period: 'year' is not one of hour, day, week or month")]
    [InlineData("""{"kind": "retention", TARGET, "retention_type": "first"}""", "retention_type: 'first' is not one of recurring or first_time")]
    [InlineData("""{"kind": "retention"}""", "target: required (an event matcher such as {\"event\": \"signup\"})")]
    [InlineData("""{"kind": "retention", "target": {"event": 7}}""", "target.event: must be a string")]
    [InlineData("""{"kind": "lifecycle", SERIES, "intervall": "day"}""", "intervall: unknown field for a lifecycle query")]
    [InlineData("""{"kind": "lifecycle", SERIES, "interval": "hour"}""", "interval: 'hour' is not one of day, week or month")]
    [InlineData("""{"kind": "lifecycle", "series": [{"event": "a"}, {"event": "b"}]}""", "series: must hold exactly one event matcher, got 2")]
    [InlineData("""{"kind": "lifecycle"}""", "series: must hold exactly one event matcher, got 0")]
    [InlineData("""{"kind": "lifecycle", "series": [{"event": "a", "properties": [{"key": "k", "operator": "like", "value": 1}]}]}""",
        "series[0].properties[0].operator: 'like' is not one of exact, is_not, icontains, not_icontains, gt, lt or is_set")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"key": "k", "operator": "gt", "value": "big"}]}""", "filters[0].value: must be a number for gt and lt")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"key": "k"}]}""", "filters[0].value: required")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"key": "k", "value": []}]}""", "filters[0].value: must not be an empty list")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"key": "k", "value": {"a": 1}}]}""", "filters[0].value: must be a string, number, boolean or a list of them")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"type": "group", "key": "k", "value": 1}]}""", "filters[0].type: 'group' is not one of event or person")]
    [InlineData("""{"kind": "lifecycle", SERIES, "filters": [{"value": 1}]}""", "filters[0].key: required")]
    [InlineData("""{"kind": "lifecycle", SERIES, "timezone": "Mars/Olympus"}""", "timezone: unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin)")]
    [InlineData("""{"kind": "lifecycle", SERIES, "week_start": "friday"}""", "week_start: 'friday' is not one of sunday or monday")]
    [InlineData("""{"kind": "lifecycle", SERIES, "date_from": "yesterday"}""", "date_from: 'yesterday' is not a date (expected YYYY-MM-DD, an ISO date-time, -Nh, -Nd, -Nw, -Nm or all)")]
    [InlineData("""{"kind": "lifecycle", SERIES, "date_to": "all"}""", "date_to: 'all' is not a date (expected YYYY-MM-DD, an ISO date-time, -Nh, -Nd, -Nw or -Nm)")]
    [InlineData("""{"kind": "lifecycle", SERIES, "date_from": "2026-02-30"}""", "date_from: '2026-02-30' is not a date (expected YYYY-MM-DD, an ISO date-time, -Nh, -Nd, -Nw, -Nm or all)")]
    [InlineData("""{"kind": "lifecycle", SERIES, "now": "-1d"}""", "now: '-1d' is not an ISO date or date-time")]
    [InlineData("""{"kind": "trends", "series": [{"event": "a", "math": "sum"}]}""", "series[0].math: 'sum' is not one of dau, weekly_active or monthly_active")]
    [InlineData("""{"kind": "trends", SERIES, "display": "pie"}""", "display: 'pie' is not one of series or aggregate")]
    [InlineData("""{"kind": "trends", SERIES, "breakdown": {"type": "event"}}""", "breakdown.property: required")]
    [InlineData("""{"kind": "stickiness", SERIES, "criteria": {"operator": "gte"}}""", "criteria.value: required (a positive integer)")]
    [InlineData("""{"kind": "stickiness", SERIES, "interval_count": -2}""", "interval_count: must be a positive integer")]
    [InlineData("""{"kind": "stickiness", SERIES, "computed_as": "both"}""", "computed_as: 'both' is not one of non_cumulative or cumulative")]
    [InlineData("""{"kind": "stickiness", SERIES, "compare_to": "1w"}""", "compare_to: '1w' is not a shift (-Nh, -Nd, -Nw or -Nm)")]
    [InlineData("""{"kind": "stickiness", SERIES, "compare": "yes"}""", "compare: must be true or false")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}]}""", "steps: a funnel needs 2 to 32 steps, got 1")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "conversion_window": {"value": 2, "unit": "month"}}""",
        "conversion_window.unit: 'month' is not one of second, minute, hour, day or week")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "conversion_window": {"unit": "day"}}""", "conversion_window.value: required (a positive integer)")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "exclusions": [{"event": "x", "from_step": 1, "to_step": 1}]}""",
        "exclusions[0].to_step: must be a later step than from_step (1)")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "exclusions": [{"event": "x", "from_step": 0, "to_step": 2}]}""",
        "exclusions[0].to_step: must be at most 1")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "exclusions": [{"event": "x", "from_step": 0}]}""", "exclusions[0].to_step: required")]
    [InlineData("""{"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}], "exclusions": [{"from_step": 0, "to_step": 1}]}""", "exclusions[0].event: required")]
    public void Should_Name_The_Field_That_Is_Wrong(string json, string expected)
    {
        var e = Should.Throw<InsightQueryException>(() => InsightQueryParser.Parse(json.Replace("TARGET", Target).Replace("SERIES", Series)));
        e.Message.ShouldBe("insight: " + expected);
        e.ShouldBeAssignableTo<UsageException>();
    }

    [Fact]
    public void Should_Say_When_The_Query_Is_Not_Json()
    {
        var e = Should.Throw<InsightQueryException>(() => InsightQueryParser.Parse("{\"kind\": "));
        e.Message.ShouldStartWith("insight: query: not valid JSON (");
        e.Field.ShouldBe("query");
    }

    [Fact]
    public void Should_Fill_In_Defaults()
    {
        var q = InsightQueryParser.Parse("""{"kind": "retention", "target": {"event": "signup"}}""").ShouldBeOfType<RetentionQuery>();

        q.Period.ShouldBe(Interval.Day);
        q.TotalIntervals.ShouldBe(8);
        q.FirstTime.ShouldBeFalse();
        q.Cumulative.ShouldBeFalse();
        q.MinimumOccurrences.ShouldBe(1);
        q.Returning.ShouldBe(q.Target);
        q.DateTo.ShouldBeNull();
        q.Calendar.Zone.ShouldBe(TimeZoneInfo.Utc);
        q.Calendar.WeekStart.ShouldBe(DayOfWeek.Sunday);
        q.DateFrom.ShouldBe(new DateValue.Relative(new RelativeShift(7, 'd')));
    }

    [Fact]
    public void Should_Read_Filter_Values_By_Their_Text_Form()
    {
        var q = InsightQueryParser.Parse("""
            {"kind": "lifecycle", "series": [{"event": null}],
             "filters": [{"key": "k", "value": [1, "two", true, 2.5, 3.0, 1.5e-7]}, {"key": "n", "operator": "lt", "value": "4"},
                         {"type": "person", "key": "p", "operator": "is_set"}]}
            """).ShouldBeOfType<LifecycleQuery>();

        q.Series.Event.ShouldBeNull();
        q.Filters[0].Values.ShouldBe(["1", "two", "true", "2.5", "3.0", "1.5e-7"]);
        q.Filters[0].Operator.ShouldBe(FilterOperator.Exact);
        q.Filters[1].Number.ShouldBe(4);
        q.Filters[2].Type.ShouldBe(FilterType.Person);
        q.Filters[2].Operator.ShouldBe(FilterOperator.IsSet);
    }

    [Fact]
    public void Should_Read_A_Funnel_Window_And_Exclusions()
    {
        var q = InsightQueryParser.Parse("""
            {"kind": "funnel", "steps": [{"event": "a"}, {"event": "b"}, {"event": "c"}], "conversion_window": {"value": 90, "unit": "minute"},
             "exclusions": [{"event": "x", "from_step": 0, "to_step": 2}]}
            """).ShouldBeOfType<FunnelQuery>();

        q.ConversionWindow.ShouldBe(TimeSpan.FromMinutes(90));
        q.Exclusions.ShouldBe([new FunnelExclusion("x", 0, 2)]);
        q.Steps.Select(s => s.Event).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Should_Turn_On_Comparison_With_Compare_To()
    {
        var q = InsightQueryParser.Parse("""{"kind": "stickiness", "series": [{"event": "a"}], "compare_to": "-1w"}""").ShouldBeOfType<StickinessQuery>();

        q.Compare.ShouldBeTrue();
        q.CompareTo.ShouldBe(new RelativeShift(1, 'w'));
    }
}
