using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.QrCodes;

internal sealed record QrCodeDto(Guid Id, string Url, string ImageUrl, DateTime ExpiresAt);

/// <summary>LK-3: QR codes of a share. Each leads to the share for 7 days; a new one can be made any time.</summary>
internal sealed class QrCodeService(LinksDbContext db, QrCodeSeal seal, LinkUrls urls, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public QrCode New(Guid shareId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var qr = new QrCode { Id = Guid.CreateVersion7(), ShareId = shareId, CreatedAt = now, ExpiresAt = now + Lifetime };
        db.QrCodes.Add(qr);
        return qr;
    }

    /// <param name="requestOrigin">See <see cref="LinkUrls.OriginOf"/>.</param>
    public async Task<QrCodeDto> DescribeAsync(Link share, QrCode qr, string requestOrigin, CancellationToken ct) =>
        new(qr.Id, await urls.ForAsync(requestOrigin, share.TeamId, new LinkEntry(LinkEntry.QrPrefix, seal.Seal(qr.Id)), ct),
            $"/api/shares/{share.Id}/qr.png?qrId={qr.Id}", qr.ExpiresAt);

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}

internal static class QrCodeEndpoints
{
    /// <summary>GET /api/shares/{id}/qr.png?qrId=: the PNG of a QR code (the newest one that has not expired by default).</summary>
    public static async Task<IResult> Png(Guid id, Guid? qrId, ClaimsPrincipal user, HttpRequest request, LinksDbContext db,
        QrCodeService qr, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var share = await db.Links.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.OwnerUserId == userId, ct);
        if (share is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.QrCodes.AsNoTracking()
            .Where(q => q.ShareId == id && (qrId == null ? q.ExpiresAt > now : q.Id == qrId))
            .OrderByDescending(q => q.CreatedAt).FirstOrDefaultAsync(ct);
        if (code is null) return Problems.Status(404, "No QR code", "This share has no QR code that still works. Make a new one.", "qr_expired");
        var described = await qr.DescribeAsync(share, code, LinkUrls.OriginOf(request), ct);
        return TypedResults.File(QrCodeService.Png(described.Url), "image/png", $"qr-{share.Name}.png");
    }

    /// <summary>POST /api/shares/{id}/qr: a new QR code for 7 days; the link itself does not change.</summary>
    public static async Task<IResult> Create(Guid id, ClaimsPrincipal user, HttpRequest request, LinksDbContext db, QrCodeService qr, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var share = await db.Links.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.OwnerUserId == userId && s.CanceledAt == null, ct);
        if (share is null) return Problems.NotFound();
        var code = qr.New(id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/shares/{id}/qr.png?qrId={code.Id}", await qr.DescribeAsync(share, code, LinkUrls.OriginOf(request), ct));
    }
}
