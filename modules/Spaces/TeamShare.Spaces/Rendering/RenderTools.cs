using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamShare.Spaces.Rendering;

/// <summary>
/// The programs a render runs, found once at start: LibreOffice (<c>soffice</c>), poppler (<c>pdfinfo</c>, <c>pdftoppm</c>),
/// and what confines them: <c>prlimit</c> for memory, <c>unshare -n</c> for no network (when the server may use it).
/// Without LibreOffice or poppler the server still runs; those formats then answer "not available on this server".
/// </summary>
internal sealed class RenderTools
{
    public string? Soffice { get; }
    public string? PdfToPpm { get; }
    public string? PdfInfo { get; }
    private readonly string? _prlimit;
    private readonly string[] _noNetwork;

    public RenderTools(IOptions<PreviewOptions> options, ILogger<RenderTools> log)
    {
        var renderers = string.IsNullOrWhiteSpace(options.Value.ProgramPath) ? SystemPath : options.Value.ProgramPath;
        Soffice = Find("soffice", renderers) ?? Find("libreoffice", renderers);
        PdfToPpm = Find("pdftoppm", renderers);
        PdfInfo = Find("pdfinfo", renderers);
        _prlimit = Find("prlimit", SystemPath);
        var unshare = Find("unshare", SystemPath);
        _noNetwork = unshare is null ? [] : Works(unshare, "-n") ? [unshare, "-n", "--"] : Works(unshare, "-rn") ? [unshare, "-rn", "--"] : [];
        if (PdfToPpm is null || Soffice is null)
            log.LogWarning("Document previews are limited: {Missing} not found (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui, libreoffice-impress-nogui, poppler-utils).",
                string.Join(", ", new[] { Soffice is null ? "soffice" : null, PdfToPpm is null ? "pdftoppm" : null }.OfType<string>()));
        if (_noNetwork.Length == 0) log.LogWarning("Renders run with network access: unshare -n is not permitted here.");
    }

    public bool CanRender(RenderFormat format) => format switch
    {
        RenderFormat.Office => Soffice is not null && PdfToPpm is not null && PdfInfo is not null,
        RenderFormat.Pdf => PdfToPpm is not null && PdfInfo is not null,
        RenderFormat.Image => true,
        _ => false,
    };

    /// <summary>
    /// Runs a program in its own process group with no network, an address-space limit and a time limit; the whole tree is
    /// killed at the limit. Returns its exit code and standard output, or null when it was killed.
    /// </summary>
    public async Task<(int Exit, string Output)?> RunAsync(string program, IReadOnlyList<string> arguments, string workDirectory,
        TimeSpan timeLimit, long memoryBytes, CancellationToken ct)
    {
        var command = new List<string>(_noNetwork);
        if (_prlimit is not null) command.AddRange([_prlimit, $"--as={memoryBytes}", "--"]);
        command.Add(program);
        command.AddRange(arguments);
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        // Its own home, and no proxy to reach anything through.
        start.Environment["HOME"] = workDirectory;
        foreach (var proxy in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" }) start.Environment.Remove(proxy);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return (process.ExitCode, await output);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* ended meanwhile */ }
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <summary>The server's PATH, and the system folders where prlimit and unshare live though a PATH may leave them out.</summary>
    private static string SystemPath => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin") + ":/usr/sbin:/usr/bin";

    private static string? Find(string name, string path) =>
        path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static bool Works(string unshare, string flag)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(unshare) { ArgumentList = { flag, "--", "true" }, RedirectStandardError = true, UseShellExecute = false })!;
            return p.WaitForExit(5000) && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
