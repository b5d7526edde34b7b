using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TeamShare.SharedKernel.Http;

/// <summary>Reads the first file of a multipart body section by section, so the file streams and is never buffered whole.</summary>
public static class MultipartFile
{
    public const string Field = "file";
    /// <summary>Room for a multipart body's boundaries and part headers around a file of the largest allowed size.</summary>
    public const long Slack = 64 * 1024;

    public static bool TryGetBoundary(HttpRequest request, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } value)
            return false;
        boundary = value;
        return true;
    }

    /// <summary>
    /// Hands the file field's name and body to <paramref name="handle"/>; null when the body holds no such field. A body that is
    /// not well-formed multipart (a bad part header, or the body ending before the closing boundary) is a 400, and since the
    /// file is read to its end before anything is recorded, nothing of it is kept; <paramref name="malformed"/> makes that 400
    /// the caller's answer type.
    /// </summary>
    public static async Task<TResult?> ReadAsync<TResult>(HttpRequest request, string boundary, Func<string, Stream, Task<TResult>> handle,
        Func<ProblemHttpResult, TResult> malformed, CancellationToken ct)
        where TResult : class, IResult
    {
        var body = new EndAwareStream(request.Body);
        try
        {
            // A 64 KB buffer instead of the reader's 4 KB default: the file's bytes pass in far fewer, larger reads (B7).
            var reader = new MultipartReader(boundary, body, 64 * 1024);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition() || disposition.Name.Value?.Trim('"') != Field)
                    continue;
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value! : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                return await handle(name, section.Body);
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return malformed(Problems.Invalid(Field, "The upload is not well-formed multipart/form-data (a part's header could not be read)."));
        }
        catch (IOException) when (body.Ended)
        {
            return malformed(Problems.Invalid(Field, "The upload ended before its closing boundary; send it again."));
        }
    }

    /// <summary>Tells a body that ended early (the reader's IOException) from any other I/O failure, such as a full disk.</summary>
    private sealed class EndAwareStream(Stream inner) : Stream
    {
        public bool Ended { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Seen(await inner.ReadAsync(buffer, ct));
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Seen(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Seen(int read)
        {
            if (read == 0) Ended = true;
            return read;
        }
    }

    public static ProblemHttpResult NotMultipart() => Problems.Invalid(Field, "Send the file as multipart/form-data in a field named \"file\".");
    public static ProblemHttpResult Missing() => Problems.Invalid(Field, "No file was sent in the field \"file\".");
}

public static class RequestBodyLimit
{
    /// <summary>Kestrel's default 30 MB body limit would cut uploads short; the configured limit is enforced while streaming.</summary>
    public static void Lift(HttpRequest request, long limit)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 64 * 1024;
    }
}
