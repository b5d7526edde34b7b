using System.Diagnostics.Metrics;

namespace TeamShare.SharedKernel.Observability;

/// <summary>One value of a gauge, e.g. mails waiting, or notifications pending in one module.</summary>
public sealed record GaugeReading(string Name, double Value, params KeyValuePair<string, object?>[] Tags);

/// <summary>
/// A module's gauges (issue 23): read by the host's sampler every 15 seconds from the module's own tables, never on a request
/// and never on the scrape, so a scraper polling fast costs the database nothing.
/// </summary>
public interface IGaugeSource
{
    Task<IReadOnlyList<GaugeReading>> ReadAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>The gauges /metrics shows: the last sample of each, with what it means.</summary>
public static class Gauges
{
    public const string NotificationsPending = "teamshare.notifications.pending";
    public const string NotificationsOldestAge = "teamshare.notifications.pending.age";
    public const string MailWaiting = "teamshare.mail.waiting";
    public const string MailDelayed = "teamshare.mail.delayed";
    public const string MailOldestAge = "teamshare.mail.waiting.age";
    public const string JobsEnqueued = "teamshare.jobs.enqueued";
    public const string JobsFailed = "teamshare.jobs.failed";
    public const string BlobsStoredBytes = "teamshare.blobs.stored.bytes";
    public const string UploadFreeBytes = "teamshare.uploads.free.bytes";

    private static readonly (string Name, string? Unit, string Description)[] All =
    [
        (NotificationsPending, null, "Changes whose notification is not published yet, by module (the relay retries them every minute)."),
        (NotificationsOldestAge, "s", "Age of the oldest unpublished notification, by module."),
        (MailWaiting, null, "Mails not sent yet and not given up."),
        (MailDelayed, null, "Mails waiting for another try after a failed one."),
        (MailOldestAge, "s", "Age of the oldest mail waiting."),
        (JobsEnqueued, null, "Background jobs waiting for a worker (job lag)."),
        (JobsFailed, null, "Background jobs that failed and wait for an operator."),
        (BlobsStoredBytes, "By", "Bytes of the file contents stored (each content once)."),
        (UploadFreeBytes, "By", "Free space where uploads are written on this instance."),
    ];

    private static volatile IReadOnlyList<GaugeReading> _readings = [];

    static Gauges()
    {
        foreach (var (name, unit, description) in All)
            TeamShareMetrics.Meter.CreateObservableGauge(name,
                () => _readings.Where(r => r.Name == name).Select(r => new Measurement<double>(r.Value, r.Tags)), unit, description);
    }

    /// <summary>Makes the sampler's latest readings the ones scraped.</summary>
    public static void Publish(IReadOnlyList<GaugeReading> readings) => _readings = readings;
}
