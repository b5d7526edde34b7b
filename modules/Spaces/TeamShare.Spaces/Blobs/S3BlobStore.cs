using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Blobs as objects of an S3-compatible bucket (issue 26.3): <c>blobs/&lt;sha256&gt;</c>. Uploads are hashed in the local
/// spool and sent under their hash only when the bucket lacks those bytes, in parts past <see cref="S3Options.PartMegabytes"/>.
/// </summary>
/// <remarks>
/// S3 has no atomic rename, so a blob cannot be taken out of reach by moving it, as the directory store does. The collection
/// and the writers meet through two kinds of small marker objects instead: a writer reusing a blob first writes
/// <c>retained/&lt;sha256&gt;/&lt;its own id&gt;</c>, then waits while any collection holds <c>condemned/&lt;sha256&gt;/&lt;sweep&gt;</c>, then
/// looks for the blob; a collection writes its condemned marker, asks the database, looks for a retained marker newer than
/// its cut-off, and only then deletes. Either the collection sees the writer's mark and spares the blob, or the writer waits
/// for the collection's verdict and stores the bytes again if they went. Both orders of events are covered, on any number of
/// instances; S3's strong read-after-write consistency is what makes the markers visible at once.
/// </remarks>
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    private const string Blobs = "blobs/", Retained = "retained/", Condemned = "condemned/";
    /// <summary>A condemned marker older than this was left by a collection that stopped; writers no longer wait for it.</summary>
    private static readonly TimeSpan VerdictTime = TimeSpan.FromMinutes(5);
    private readonly AmazonS3Client _s3;
    private readonly S3Options _options;
    private readonly UploadSpool _spool;
    private readonly long _minFreeBytes;

    public S3BlobStore(IOptions<TeamShareOptions> options)
    {
        _options = options.Value.Blobs.S3;
        _minFreeBytes = options.Value.Blobs.MinFreeMegabytes * 1024L * 1024;
        _spool = new UploadSpool(Path.Combine(options.Value.FullBlobDirectory, "tmp"));
        var config = new AmazonS3Config
        {
            ForcePathStyle = _options.PathStyle,
            // The SDK's default trailing checksums (aws-chunked bodies) are not understood by many S3-compatible servers; the
            // content's own SHA-256 is what this store trusts, and a request is signed either way.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(_options.Endpoint)) config.RegionEndpoint = RegionEndpoint.GetBySystemName(_options.Region);
        else
        {
            config.ServiceURL = _options.Endpoint;
            config.AuthenticationRegion = _options.Region;
        }
        _s3 = string.IsNullOrEmpty(_options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), config);
    }

    private string Bucket => _options.Bucket;
    private string Address => string.IsNullOrWhiteSpace(_options.Endpoint) ? $"AWS {_options.Region}" : _options.Endpoint;
    private long PartBytes => _options.PartMegabytes * 1024L * 1024;

    public async Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        await using var spooled = await _spool.WriteAsync(source, maxBytes, ct);
        var hash = spooled.Blob.Sha256;
        // Marked first, even for bytes the bucket does not hold: a collection that listed an earlier copy of them as idle must
        // see the mark, or wait-and-delete could take the copy this upload is about to send (the race test lost files so).
        // Bytes the bucket holds already are not sent again.
        if (!await RetainAsync(hash, ct)) await PutAsync(Blobs + hash, spooled.Rewound(), spooled.Blob.Size, ct);
        return spooled.Blob;
    }

    private async Task PutAsync(string key, Stream content, long size, CancellationToken ct)
    {
        if (size <= PartBytes)
        {
            await _s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Bucket, Key = key, InputStream = content, AutoCloseStream = false, UseChunkEncoding = false,
            }, ct);
            return;
        }
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key }, ct);
        var buffer = ArrayPool<byte>.Shared.Rent((int)PartBytes);
        try
        {
            List<PartETag> parts = [];
            for (var number = 1; ; number++)
            {
                var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, (int)PartBytes), (int)PartBytes, throwOnEndOfStream: false, ct);
                if (filled == 0) break;
                var part = await _s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false), PartSize = filled, UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag(number, part.ETag));
            }
            await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
        }
        catch
        {
            // Parts of an abandoned upload cost storage until aborted; a crash here is left to the bucket's lifecycle rule.
            await _s3.AbortMultipartUploadAsync(Bucket, key, upload.UploadId, CancellationToken.None);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream OpenRead(string sha256, long? size = null) => new S3ReadStream(_s3, Bucket, Blobs + Checked(sha256), size);

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct) => await LastWrittenAsync(Blobs + Checked(sha256), ct) is not null;

    public async Task<bool> RetainAsync(string sha256, CancellationToken ct)
    {
        Checked(sha256);
        // A key of its own: a sweep deletes only markers it saw old, so it can never take away one a writer just made.
        await MarkAsync($"{Retained}{sha256}/{Guid.NewGuid():N}", ct);
        // A collection deciding on this blob right now holds a condemned marker: its verdict is waited for, then looked at.
        var until = DateTime.UtcNow + VerdictTime;
        while (await CondemnedAsync(sha256, ct) && DateTime.UtcNow < until) await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        return await ExistsAsync(sha256, ct);
    }

    private async Task<bool> RetainedSinceAsync(string sha256, DateTime since, CancellationToken ct)
    {
        await foreach (var marker in ObjectsAsync($"{Retained}{sha256}/", ct))
            if (Utc(marker.LastModified) >= since) return true;
        return false;
    }

    private async Task<bool> CondemnedAsync(string sha256, CancellationToken ct)
    {
        var fresh = DateTime.UtcNow - VerdictTime;
        await foreach (var marker in ObjectsAsync($"{Condemned}{sha256}/", ct))
            if (marker.LastModified is { } at && at.ToUniversalTime() > fresh) return true;
        return false;
    }

    public async Task<int> CollectAsync(TimeSpan grace, Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> stillNamed,
        CancellationToken ct)
    {
        var before = DateTime.UtcNow - grace;
        var retained = new Dictionary<string, DateTime>();
        List<string> oldMarkers = [];
        await foreach (var marker in ObjectsAsync(Retained, ct))
        {
            var hash = marker.Key[Retained.Length..].Split('/')[0];
            var at = Utc(marker.LastModified);
            if (at < before) oldMarkers.Add(marker.Key);
            if (!retained.TryGetValue(hash, out var latest) || at > latest) retained[hash] = at;
        }
        List<string> idle = [];
        await foreach (var blob in ObjectsAsync(Blobs, ct))
        {
            var hash = blob.Key[Blobs.Length..];
            if (IsHash(hash) && Utc(blob.LastModified) < before && !(retained.TryGetValue(hash, out var at) && at >= before)) idle.Add(hash);
        }

        var deleted = 0;
        foreach (var batch in idle.Chunk(500))
        {
            var sweep = Guid.NewGuid().ToString("N");
            foreach (var hash in batch) await MarkAsync($"{Condemned}{hash}/{sweep}", ct);
            try
            {
                var named = await stillNamed(batch, ct);
                foreach (var hash in batch)
                {
                    if (named.Contains(hash) || await RetainedSinceAsync(hash, before, ct)) continue;
                    await _s3.DeleteObjectAsync(Bucket, Blobs + hash, ct);
                    deleted++;
                }
            }
            finally
            {
                foreach (var hash in batch) await _s3.DeleteObjectAsync(Bucket, $"{Condemned}{hash}/{sweep}", CancellationToken.None);
            }
        }

        // Marks older than the grace period protect nothing any more (a writer names its blob within milliseconds).
        foreach (var key in oldMarkers) await _s3.DeleteObjectAsync(Bucket, key, ct);
        // Markers of collections that stopped midway: no writer waits for them any more; they go.
        await foreach (var stale in ObjectsAsync(Condemned, ct))
            if (Utc(stale.LastModified) < DateTime.UtcNow - TimeSpan.FromHours(1)) await _s3.DeleteObjectAsync(Bucket, stale.Key, ct);
        return deleted;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var blob in ObjectsAsync(Blobs, ct))
            if (blob.Key[Blobs.Length..] is var hash && IsHash(hash)) yield return hash;
    }

    public int SweepTemporary() => _spool.Sweep();

    public async Task PrepareAsync(CancellationToken ct)
    {
        try
        {
            try { await ProbeAsync(ct); }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
            {
                // Instances starting together may both create it: the bucket being there is what counts.
                try { await _s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, ct); }
                catch (AmazonS3Exception) { await ProbeAsync(ct); }
            }
        }
        catch (AmazonS3Exception e)
        {
            throw new ContentStoreUnavailableException($"TeamShare:Blobs:S3: the store refused bucket \"{Bucket}\" ({e.ErrorCode}: {e.Message}).", e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            throw new ContentStoreUnavailableException($"TeamShare:Blobs:S3:Endpoint: the S3 store at {Address} did not answer ({e.Message}).", e);
        }
    }

    public async Task<string?> UnreadyReasonAsync(CancellationToken ct)
    {
        try { await ProbeAsync(ct); }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            return "S3 store unreachable.";
        }
        // Uploads wait in the local spool while they are hashed: a full disk there fails them as surely as a full bucket.
        return _spool.FreeSpaceProblem(_minFreeBytes);
    }

    /// <summary>Lists a prefix that holds nothing: the cheapest request that proves the bucket is there and these keys may read it.</summary>
    private Task ProbeAsync(CancellationToken ct) => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "ready/" }, ct);

    private async Task MarkAsync(string key, CancellationToken ct) =>
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = "", UseChunkEncoding = false }, ct);

    private async Task<DateTime?> LastWrittenAsync(string key, CancellationToken ct)
    {
        try { return Utc((await _s3.GetObjectMetadataAsync(Bucket, key, ct)).LastModified); }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    private async IAsyncEnumerable<S3Object> ObjectsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request, ct);
            foreach (var item in page.S3Objects ?? []) yield return item;
            if (page.IsTruncated != true) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private static DateTime Utc(DateTime? at) => at?.ToUniversalTime() ?? DateTime.MinValue;

    private static bool IsHash(string name) => name.Length == 64 && name.All(Uri.IsHexDigit);

    private static string Checked(string sha256) => IsHash(sha256) ? sha256 : throw new ArgumentException("Not a SHA-256.", nameof(sha256));

    public void Dispose() => _s3.Dispose();
}
