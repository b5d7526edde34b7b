using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Spaces.Rendering;

/// <summary>What a finished render left: ready with its page count, or failed (then the file has no preview).</summary>
internal sealed record RenderResult(string Status, int Pages, bool Truncated = false);

/// <summary>
/// Rendered pages beside the blobs, so every instance that mounts them shares them: <c>renders/v{N}/ab/&lt;sha&gt;/</c> with
/// <c>result.json</c>, <c>1.png</c>… and <c>thumb.png</c>. Keyed by the content's hash and the renderer's version, so the same
/// bytes render once however many files name them, and a better renderer starts afresh. A render is built in <c>renders/tmp</c>
/// and moved into place whole.
/// </summary>
internal sealed class RenderCache
{
    /// <summary>Raised when the way pages are made changes; older renders are then left to eviction.</summary>
    public const int Version = 1;
    private readonly string _root;

    public RenderCache(IOptions<TeamShareOptions> options)
    {
        _root = Path.Combine(options.Value.FullBlobDirectory, "renders");
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
    }

    public string Root => _root;

    public string DirectoryOf(string sha256) => Path.Combine(_root, $"v{Version}", sha256[..2], sha256);

    public RenderResult? Read(string sha256)
    {
        var file = Path.Combine(DirectoryOf(sha256), "result.json");
        try { return JsonSerializer.Deserialize<RenderResult>(File.ReadAllBytes(file)); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    public string PagePath(string sha256, int page) => Path.Combine(DirectoryOf(sha256), $"{page}.png");

    public string ThumbnailPath(string sha256) => Path.Combine(DirectoryOf(sha256), "thumb.png");

    /// <summary>A fresh folder to build a render in.</summary>
    public string NewWorkDirectory() => Directory.CreateDirectory(Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Moves a finished render into place; another instance that finished first wins and this one is dropped.</summary>
    public void Publish(string sha256, string built, RenderResult result)
    {
        File.WriteAllBytes(Path.Combine(built, "result.json"), JsonSerializer.SerializeToUtf8Bytes(result));
        var target = DirectoryOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try { Directory.Move(built, target); }
        catch (IOException) { Directory.Delete(built, recursive: true); }
    }

    /// <summary>
    /// Claims the render of a content for this instance: a marker only one instance can create. A marker older than
    /// <paramref name="stale"/> belonged to a render a crash cut off and is taken over.
    /// </summary>
    public bool TryClaim(string sha256, TimeSpan stale)
    {
        var marker = DirectoryOf(sha256) + ".rendering";
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        try
        {
            using (File.Open(marker, FileMode.CreateNew)) { }
            return true;
        }
        catch (IOException) when (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) < DateTime.UtcNow - stale)
        {
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
            return true;
        }
        catch (IOException) { return false; }
    }

    public void Release(string sha256) => File.Delete(DirectoryOf(sha256) + ".rendering");

    /// <summary>Whether any content has a render of the current version.</summary>
    public bool Any()
    {
        var current = new DirectoryInfo(Path.Combine(_root, $"v{Version}"));
        return current.Exists && current.EnumerateDirectories().Any(d => d.EnumerateDirectories().Any());
    }

    /// <summary>
    /// Keeps the cache within <paramref name="maxBytes"/>: renders of contents no longer stored go first, then the oldest; renders
    /// of older renderer versions always go. Returns how many renders were removed.
    /// </summary>
    public int Trim(long maxBytes, Func<string, bool> stored)
    {
        var removed = 0;
        foreach (var old in new DirectoryInfo(_root).EnumerateDirectories("v*").Where(d => d.Name != $"v{Version}"))
        {
            old.Delete(recursive: true);
            removed++;
        }
        var current = new DirectoryInfo(Path.Combine(_root, $"v{Version}"));
        if (!current.Exists) return removed;
        var renders = current.EnumerateDirectories().SelectMany(d => d.EnumerateDirectories())
            .Select(d => (Dir: d, Bytes: d.EnumerateFiles().Sum(f => f.Length), d.CreationTimeUtc)).ToList();
        var total = renders.Sum(r => r.Bytes);
        foreach (var render in renders.OrderBy(r => stored(r.Dir.Name) ? 1 : 0).ThenBy(r => r.CreationTimeUtc))
        {
            if (stored(render.Dir.Name) && total <= maxBytes) break;
            try { render.Dir.Delete(recursive: true); } catch (IOException) { continue; }
            total -= render.Bytes;
            removed++;
        }
        foreach (var leftover in new DirectoryInfo(Path.Combine(_root, "tmp")).EnumerateDirectories()
                     .Where(d => d.CreationTimeUtc < DateTime.UtcNow.AddHours(-1)))
            leftover.Delete(recursive: true);
        return removed;
    }
}
