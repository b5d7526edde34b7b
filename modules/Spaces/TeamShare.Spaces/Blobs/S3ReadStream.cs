using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// A stored object read as a stream. With a known length it can seek: each read after a seek asks for the rest from that
/// position (a Range GET), so a download's Range header becomes one request for those bytes, not a read from the start.
/// </summary>
internal sealed class S3ReadStream(IAmazonS3 s3, string bucket, string key, long? length) : Stream
{
    private GetObjectResponse? _response;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => length is not null;
    public override bool CanWrite => false;
    public override long Length => length ?? throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || (length is { } end && _position >= end)) return 0;
        _response ??= await OpenAsync(cancellationToken);
        int read;
        // The SDK checks what it received against the store's checksum: a mismatch is a read error like any other.
        try { read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken); }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException) { throw new IOException($"Reading {key} failed: {e.Message}", e); }
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous readers (a StreamReader over a small text) are rare; they wait for the same request.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private async Task<GetObjectResponse> OpenAsync(CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (_position > 0) request.ByteRange = new ByteRange($"bytes={_position}-");
        try { return await s3.GetObjectAsync(request, ct); }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No stored content {key}.", key, e);
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (length is not { } end) throw new NotSupportedException();
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => end + offset };
        if (target < 0) throw new IOException("Seek before the start.");
        if (target != _position)
        {
            _response?.Dispose();
            _response = null;
            _position = target;
        }
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _response?.Dispose();
        base.Dispose(disposing);
    }
}
