namespace TeamShare.Spaces.Rendering;

/// <summary><c>TeamShare:Previews</c>: how document pages are rendered and how much of the disk their cache may take.</summary>
internal sealed class PreviewOptions
{
    public const string Section = "TeamShare:Previews";
    /// <summary>Renders running at once on this instance; each is a LibreOffice or poppler process.</summary>
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
    public int TimeLimitSeconds { get; set; } = 60;
    public int MemoryMegabytes { get; set; } = 3072;
    /// <summary>Pages rendered of a longer document; the viewer says there are more.</summary>
    public int MaxPages { get; set; } = 200;
    public int PageLongSide { get; set; } = 1400;
    public int CacheMegabytes { get; set; } = 4096;
    /// <summary>Where to look for soffice, pdfinfo and pdftoppm (a PATH-style list); empty: the server's PATH.</summary>
    public string? ProgramPath { get; set; }

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(TimeLimitSeconds);
    public long MemoryBytes => MemoryMegabytes * 1024L * 1024;
}
