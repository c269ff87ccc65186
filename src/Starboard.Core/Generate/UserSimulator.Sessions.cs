using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

internal static partial class UserSimulator
{
    private const double ResendEventShare = 0.003;

    /// <summary>How a session is identified in the feed, by platform (web clients often send no session id).</summary>
    private enum SessionMode { Recorded, IdOnly, NoId }

    /// <summary>The attributes every record of one session shares.</summary>
    private sealed class Visit
    {
        public required SimulatedUser User { get; init; }
        public required SimDay Day { get; init; }
        public required DayBatch Batch { get; init; }
        public required string UserId { get; init; }
        public required string SessionId { get; init; }
        public required string? EventSessionId { get; init; }
        public required AppRelease Release { get; init; }
        public required DateTime Until { get; init; }
        public long Ms; // current time of the session, ms after the day start
        public int Written;

        public DateTime Now => Day.Start.AddMilliseconds(Ms);
        public bool IsOpen => Now < Until;
        public bool IsAnonymous => !ReferenceEquals(UserId, User.Id);
    }

    /// <summary>One session with eventCount events (plus funnel steps); returns when it ended.</summary>
    private static DateTime Session(SimulatedUser u, SimDay day, DayBatch batch, DateTime start, int eventCount,
        string userId, DateTime? until = null)
    {
        var r = u.Random;
        bool web = u.Platform is "web" or "other";
        double modeDraw = r.NextDouble();
        var mode = web
            ? modeDraw < 0.62 ? SessionMode.Recorded : modeDraw < 0.72 ? SessionMode.IdOnly : SessionMode.NoId
            : modeDraw < 0.88 ? SessionMode.Recorded : modeDraw < 0.96 ? SessionMode.IdOnly : SessionMode.NoId;
        string sessionId = $"s-{u.Index + 1}-{++u.Sessions}";
        var v = new Visit
        {
            User = u,
            Day = day,
            Batch = batch,
            UserId = userId,
            SessionId = sessionId,
            EventSessionId = mode == SessionMode.NoId ? null : sessionId,
            Release = day.Release(web ? 0 : u.UpdateLagDays),
            Until = until is { } t && t < day.PeriodEnd ? t : day.PeriodEnd,
            Ms = (long)(start - day.Start).TotalMilliseconds,
        };

        // Crashes end the session early; their rate depends on the release the user runs.
        double crashRate = (web ? 0.003 : 0.009) * v.Release.CrashFactor;
        int crashAfter = r.Chance(crashRate) ? r.NextInt(1, eventCount + 1) : -1;

        OpeningEvents(v, web);
        var actions = u.IsCreator ? AppCatalog.CreatorActions : AppCatalog.SessionActions;
        bool crashed = crashAfter == 1;
        for (int i = 1; i < eventCount && !crashed && v.IsOpen; i++)
        {
            Step(v, r, 800, 25_000);
            string name = actions.Next(r);
            if (name == "view_item")
                ViewItem(v);
            else
                Emit(v, name, Feature(name, r, day), Properties(name, v));
            crashed = i + 1 == crashAfter;
        }
        if (v.Written == 0)
            return start;

        var lastEvent = v.Now;
        if (crashed)
            Error(v, lastEvent.AddMilliseconds(r.NextInt(50, 2_000)), AppCatalog.CrashKinds.Next(r));
        else if (!web && r.Chance(0.75))
        {
            Step(v, r, 500, 10_000);
            if (Emit(v, "app_background", null, null))
                lastEvent = v.Now;
        }
        var end = lastEvent.AddMilliseconds(crashed ? r.NextInt(50, 2_000) : 1_000 + (long)r.Exponential(15_000));

        if (r.Chance(web ? 0.02 : 0.03))
            Error(v, Between(r, start, lastEvent), AppCatalog.ErrorKinds.Next(r));
        if (r.Chance(0.02))
            Error(v, Between(r, start, lastEvent), AppCatalog.WarningKinds.Next(r));

        if (mode == SessionMode.Recorded)
        {
            // A few clients never send the end of a session; the warehouse ends those at their last event.
            DateTime? ended = end < day.PeriodEnd && !r.Chance(0.04) ? end : null;
            batch.Sessions.Add(new SessionRecord(sessionId, userId, start, ended, u.Platform, u.Device,
                v.Release.Version, u.Country.Code));
        }
        return end;
    }

    private static void OpeningEvents(Visit v, bool web)
    {
        var r = v.User.Random;
        if (web)
        {
            Emit(v, "screen_view", null, EventProperties.Screen(r, v.Day, v.User.AbVariant));
            return;
        }
        if (!v.IsAnonymous && r.Chance(0.12))
        {
            Emit(v, "notification_open", "notifications", null);
            Step(v, r, 300, 3_000);
        }
        Emit(v, "app_open", null, null);
    }

    /// <summary>Viewing a product may lead down the funnel: cart, checkout, an order and its payments.</summary>
    private static void ViewItem(Visit v)
    {
        var u = v.User;
        var r = u.Random;
        int product = r.NextInt(AppCatalog.Products.Length);
        Emit(v, "view_item", null, EventProperties.Sku(product));
        if (v.IsAnonymous || !r.Chance(0.02 + 0.35 * u.BuyPropensity))
            return;
        Step(v, r, 2_000, 30_000);
        Emit(v, "add_to_cart", null, EventProperties.Sku(product));
        if (!r.Chance(0.3 + 0.5 * u.BuyPropensity))
            return;
        Step(v, r, 2_000, 40_000);
        Emit(v, "checkout_start", null, null);
        if (!r.Chance(0.1 + 0.8 * u.BuyPropensity))
            return;
        Step(v, r, 5_000, 60_000);
        if (v.IsOpen)
            PlaceOrder(v, product);
    }

    /// <summary>Writes an event at the visit's current time; false if the time is past the visit's end.</summary>
    private static bool Emit(Visit v, string name, string? feature, string? properties)
    {
        var ts = v.Now;
        if (ts >= v.Until)
            return false;
        var u = v.User;
        var record = new EventRecord($"e-{u.Index + 1}-{++u.Events}", v.UserId, name, ts, v.EventSessionId,
            u.Platform, u.Device, v.Release.Version, u.Country.Code, feature, properties);
        v.Written++;
        if (ts >= v.Day.LateFrom && u.Random.Chance(v.Day.LateShare))
        {
            v.Batch.LateEvents.Add(record);
            return true;
        }
        v.Batch.Events.Add(record);
        if (u.Random.Chance(ResendEventShare))
            v.Batch.ResentEvents.Add(record); // a client retry: same event_id, same content
        return true;
    }

    private static void Error(Visit v, DateTime ts, ErrorKind kind)
    {
        if (ts >= v.Day.PeriodEnd)
            return;
        var u = v.User;
        // Some clients report errors without the session id; the warehouse attaches those by time span.
        string? sessionId = u.Random.Chance(0.1) ? null : v.EventSessionId;
        v.Batch.Errors.Add(new ErrorRecord($"err-{u.Index + 1}-{++u.Errors}", ts, kind.Code, kind.Severity, v.UserId,
            sessionId, kind.Message, u.Platform, v.Release.Version));
    }

    private static void Step(Visit v, RandomStream r, int minMs, double meanMs) =>
        v.Ms += minMs + (long)r.Exponential(meanMs);

    private static DateTime Between(RandomStream r, DateTime from, DateTime to) =>
        from.AddMilliseconds(r.NextDouble() * (to - from).TotalMilliseconds);

    private static string? Feature(string name, RandomStream r, SimDay day) => name switch
    {
        "search" => "search",
        "create_post" => "composer",
        "upload_media" => "media",
        "comment" => "comments",
        "share" => "sharing",
        "notification_open" => "notifications",
        "settings_change" => r.NextInt(10) switch { < 5 => "dark_mode", < 8 => "notifications", _ => null },
        "screen_view" => LaunchedFeature(r, day),
        _ => null,
    };

    /// <summary>Features launched mid-period, with adoption ramping up over the following weeks.</summary>
    private static string? LaunchedFeature(RandomStream r, SimDay day)
    {
        double u = r.NextDouble();
        if (day.Progress >= AppCatalog.PlaylistsLaunch && u < 0.08 * Math.Min(1, (day.Progress - AppCatalog.PlaylistsLaunch) / 0.15))
            return "playlists";
        if (day.Progress >= AppCatalog.ExportLaunch && u > 1 - 0.03 * Math.Min(1, (day.Progress - AppCatalog.ExportLaunch) / 0.1))
            return "export";
        return null;
    }

    private static string? Properties(string name, Visit v) => name switch
    {
        "screen_view" => EventProperties.Screen(v.User.Random, v.Day, v.User.AbVariant),
        "search" => EventProperties.Query(v.User.Random),
        "share" => EventProperties.Share(v.User.Random),
        _ => null,
    };
}
