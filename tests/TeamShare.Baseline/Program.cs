using System.Diagnostics;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MimeKit;

// The bare baselines scripts/bench.sh measures TeamShare against, on the same machine, transport and bytes.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = null);
builder.Logging.ClearProviders();
var app = builder.Build();
var directory = app.Configuration["BaselineDirectory"] ?? Path.GetTempPath();

// B1: the same bytes a link open answers with (captured from TeamShare by the script), straight from memory.
byte[] Captured(string name) => File.Exists(Path.Combine(directory, name)) ? File.ReadAllBytes(Path.Combine(directory, name)) : [];
var html = Captured("open.html");
var json = Captured("open.json");
app.MapGet("/open.html", () => Results.Bytes(html, "text/html; charset=utf-8"));
app.MapGet("/open.json", () => Results.Bytes(json, "application/json; charset=utf-8"));

// B3: one request = one password hash of the same cost as TeamShare's (PBKDF2-HMAC-SHA512, 210 000 iterations).
var salt = RandomNumberGenerator.GetBytes(16);
app.MapPost("/hash", () => Results.Ok(Rfc2898DeriveBytes.Pbkdf2("Abc123"u8, salt, 210_000, HashAlgorithmName.SHA512, 32).Length));

// B6: a file from disk through Results.File with range processing, as any ASP.NET Core download.
app.MapGet("/file", () => Results.File(Path.Combine(directory, "big.bin"), "application/octet-stream", enableRangeProcessing: true));

// B11: a page image from disk, the bytes TeamShare serves a recipient for a cached page (captured by the script).
app.MapGet("/page.png", () => Results.File(Path.Combine(directory, "page.png"), "image/png"));

// B7: the request body copied to a file. Deleted at once, the kernel never writes it out; with ?durable=true it is on the disk
// before the answer, the least any upload that must survive a crash does (TeamShare's uploads are flushed the same way).
app.MapPut("/upload", async (HttpRequest request, bool? durable) =>
{
    var target = Path.Combine(directory, $"upload-{Guid.NewGuid():N}");
    await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
    {
        await request.Body.CopyToAsync(file);
        if (durable == true) file.Flush(flushToDisk: true);
    }
    File.Delete(target);
    return Results.NoContent();
});

// B8: MailKit sending n messages over one SMTP connection; answers the seconds it took.
app.MapPost("/mail", async (int n, int port) =>
{
    var watch = Stopwatch.StartNew();
    using var smtp = new SmtpClient();
    await smtp.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
    for (var i = 0; i < n; i++)
    {
        var message = new MimeMessage { Subject = "Shared with you" };
        message.From.Add(MailboxAddress.Parse("teamshare@localhost"));
        message.To.Add(MailboxAddress.Parse($"baseline{i}@partner.example"));
        message.Body = new TextPart("plain") { Text = "Someone shared a file with you." };
        await smtp.SendAsync(message);
    }
    await smtp.DisconnectAsync(true);
    return Results.Ok(watch.Elapsed.TotalSeconds);
});
app.MapGet("/health/ready", () => "Healthy");
app.Run();
