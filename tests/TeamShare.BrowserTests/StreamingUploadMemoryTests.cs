using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace TeamShare.BrowserTests;

/// <summary>
/// SP-2 "never buffered whole": a 300 MB upload to the real host process, during which its resident memory may grow by far
/// less than the file's size. Measured from /proc (the peak is started over just before the upload, VmHWM after it), so it
/// is the server's memory during the upload, not its start-up or the test's.
/// </summary>
public sealed class StreamingUploadMemoryTests(HostProcess host) : IClassFixture<HostProcess>
{
    private const long FileSize = 300L * 1024 * 1024;
    private const long GrowthBound = 100L * 1024 * 1024;

    [Fact]
    public async Task SP2_a_300MB_streamed_upload_grows_the_servers_memory_by_less_than_100MB()
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var token = await (await http.PostAsJsonAsync("/api/auth/tokens", new { email = "mia@acme.test", password = "demo-Password1", name = "memory" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var spaces = await http.GetFromJsonAsync<JsonElement>("/api/spaces");
        var space = spaces[0].GetProperty("id").GetString();

        var before = host.ResidentBytes();
        host.ResetPeakResident();
        using var content = new MultipartFormDataContent();
        var body = new StreamContent(new PatternStream(FileSize));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(body, "file", "huge.bin");
        var response = await http.PostAsync($"/api/spaces/{space}/files", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FileSize, item.GetProperty("size").GetInt64());

        var peak = host.PeakResidentBytes();
        Assert.True(peak - before < GrowthBound, $"server memory grew from {before / 1024 / 1024} MB to a peak of {peak / 1024 / 1024} MB");

        // And the bytes are right: the stored content hashes the same as what was sent.
        using var sent = new PatternStream(FileSize);
        var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(sent));
        var download = await http.GetAsync($"/api/items/{item.GetProperty("id").GetString()}/content", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal($"\"{expected}\"", download.Headers.ETag?.Tag);
    }

    /// <summary>A repeatable stream of any length that never exists in memory as a whole.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)((_position + i) * 31 % 251);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
