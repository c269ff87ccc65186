using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Writes one file per record type into a folder (`events.jsonl`, `payments_ios.csv`...), dirty lines interleaved
/// into the file of their record type. Payments are split by source feed as three apps would deliver them
/// (source other goes to the web feed). Late events go to `events_late`. Lines end with `\n`; CSV files start
/// with a header. Every 100,000 lines a file gets an empty line, which readers must skip and never count.
/// </summary>
public sealed class FileRecordSink : IRecordSink, IDisposable
{
    private const int BlankLineEvery = 100_000;

    private readonly ILineEncoder _encoder;
    private readonly OutputFile _users, _aliases, _sessions, _events, _late, _orders, _paymentsWeb, _paymentsIos,
        _paymentsAndroid, _refunds, _subscriptions, _errors, _campaigns, _adSpend, _fxRates;
    private readonly List<OutputFile> _all = [];
    private OutputFile _lastPayments;
    private bool _disposed;

    public FileRecordSink(string folder, OutputFormat format)
    {
        Folder = Path.GetFullPath(folder);
        Format = format;
        Directory.CreateDirectory(Folder);
        _encoder = format == OutputFormat.Csv ? new CsvLineEncoder() : new JsonLineEncoder();
        _users = Open("users", RecordSchema.User);
        _aliases = Open("aliases", RecordSchema.Alias);
        _sessions = Open("sessions", RecordSchema.Session);
        _events = Open("events", RecordSchema.Event);
        _late = Open("events_late", RecordSchema.Event);
        _orders = Open("orders", RecordSchema.Order);
        _paymentsWeb = Open("payments_web", RecordSchema.Payment);
        _paymentsIos = Open("payments_ios", RecordSchema.Payment);
        _paymentsAndroid = Open("payments_android", RecordSchema.Payment);
        _refunds = Open("refunds", RecordSchema.Refund);
        _subscriptions = Open("subscriptions", RecordSchema.Subscription);
        _errors = Open("errors", RecordSchema.Error);
        _campaigns = Open("campaigns", RecordSchema.Campaign);
        _adSpend = Open("ad_spend", RecordSchema.AdSpend);
        _fxRates = Open("fx_rates", RecordSchema.FxRate);
        _lastPayments = _paymentsWeb;
    }

    public string Folder { get; }
    public OutputFormat Format { get; }
    public IReadOnlyList<string> Files => _all.Select(f => f.Path).ToList();

    public static string Extension(OutputFormat format) => format == OutputFormat.Csv ? ".csv" : ".jsonl";

    public void Write(UserRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_users); }
    public void Write(AliasRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_aliases); }
    public void Write(SessionRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_sessions); }
    public void Write(EventRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_events); }
    public void Write(OrderRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_orders); }
    public void Write(RefundRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_refunds); }
    public void Write(SubscriptionRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_subscriptions); }
    public void Write(ErrorRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_errors); }
    public void Write(CampaignRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_campaigns); }
    public void Write(AdSpendRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_adSpend); }
    public void Write(FxRateRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_fxRates); }
    public void WriteLate(EventRecord record) { RecordDescriber.Describe(record, _encoder); Emit(_late); }

    public void Write(PaymentRecord record)
    {
        _lastPayments = record.Source switch
        {
            "ios" => _paymentsIos,
            "android" => _paymentsAndroid,
            _ => _paymentsWeb,
        };
        RecordDescriber.Describe(record, _encoder);
        Emit(_lastPayments);
    }

    public void WriteDirty(DirtyRecord record)
    {
        var file = record.RecordType switch
        {
            RecordTypes.User => _users,
            RecordTypes.Alias => _aliases,
            RecordTypes.Session => _sessions,
            RecordTypes.Order => _orders,
            // A broken payment line sits in the feed of the payment it was modelled on.
            RecordTypes.Payment => _lastPayments,
            RecordTypes.Refund => _refunds,
            RecordTypes.Subscription => _subscriptions,
            RecordTypes.Error => _errors,
            RecordTypes.Campaign => _campaigns,
            RecordTypes.AdSpend => _adSpend,
            RecordTypes.FxRate => _fxRates,
            _ => _events,
        };
        file.WriteLine(Format == OutputFormat.Csv ? record.CsvLine : record.JsonLine);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var file in _all)
            file.Stream.Dispose();
    }

    private void Emit(OutputFile file) => file.WriteLine(_encoder.Line);

    private OutputFile Open(string name, RecordSchema schema)
    {
        string path = Path.Combine(Folder, name + Extension(Format));
        int buffer = name == "events" ? 1 << 20 : 1 << 16;
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, buffer);
        var file = new OutputFile(path, stream);
        if (Format == OutputFormat.Csv)
            file.Stream.Write(CsvLineEncoder.Header(schema).Append((byte)'\n').ToArray());
        _all.Add(file);
        return file;
    }

    private sealed class OutputFile(string path, Stream stream)
    {
        private long _lines;

        public string Path { get; } = path;
        public Stream Stream { get; } = stream;

        public void WriteLine(ReadOnlySpan<byte> line)
        {
            Stream.Write(line);
            Stream.WriteByte((byte)'\n');
            if (++_lines % BlankLineEvery == 0)
                Stream.WriteByte((byte)'\n');
        }
    }
}
