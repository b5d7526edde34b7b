using System.Diagnostics.Metrics;

namespace TeamShare.SharedKernel.Observability;

/// <summary>
/// Issue 23: what an operator graphs beside the framework's request and runtime metrics, scraped at <c>/metrics</c>
/// (Prometheus). Counted where the work is done, never on the path of a read: link uses as their batch is recorded, mail as
/// each one goes or fails, uploads as their version is stored.
/// </summary>
public static class TeamShareMetrics
{
    public const string MeterName = "TeamShare";
    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Opens, previews, downloads and uploads through links and QR codes, by <c>kind</c>.</summary>
    public static readonly Counter<long> LinkUses = Meter.CreateCounter<long>("teamshare.link.uses", description: "Uses of links and QR codes, by kind.");

    /// <summary>Link pages served from what an earlier open rendered (issue 24): how much of a burst the page cache took.</summary>
    public static readonly Counter<long> LinkPagesFromCache = Meter.CreateCounter<long>("teamshare.link.pages.cached",
        description: "Link pages served from an earlier open's rendering.");

    /// <summary>Mails handed to the SMTP server, and mails given up for good.</summary>
    public static readonly Counter<long> MailsSent = Meter.CreateCounter<long>("teamshare.mail.sent", description: "Mails the SMTP server accepted.");
    public static readonly Counter<long> MailsFailed = Meter.CreateCounter<long>("teamshare.mail.failed", description: "Mails given up for good.");

    /// <summary>File contents stored (uploads, new versions, WebDAV writes, drop-box uploads), and their bytes.</summary>
    public static readonly Counter<long> BlobsWritten = Meter.CreateCounter<long>("teamshare.blobs.written", description: "File contents stored.");
    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("teamshare.blobs.written.bytes", unit: "By", description: "Bytes of file contents stored.");
}
