using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>Its end is the link's when that comes first (issue 28: a 1-day link's QR code said it worked for 7 days).</summary>
    public async Task<QrCodeDto> DescribeAsync(Link share, QrCode qr, CancellationToken ct) =>
        new(qr.Id, await urls.ForAsync(share.TeamId, new LinkEntry(LinkEntry.QrPrefix, seal.Seal(qr.Id)), ct),
            $"/api/shares/{share.Id}/qr.png?qrId={qr.Id}", share.ExpiresAt is { } ends && ends < qr.ExpiresAt ? ends : qr.ExpiresAt);

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}

/// <summary>The PNG of a QR code of the caller's share: the newest one that has not expired, or the one named.</summary>
internal sealed record GetQrCodePng(Guid UserId, Guid ShareId, Guid? QrId) : IRequest<Outcome<QrCodePng>>;

internal sealed record QrCodePng(byte[] Png, string FileName);

/// <summary>A new QR code for 7 days; the link itself does not change.</summary>
internal sealed record CreateQrCode(Guid UserId, Guid ShareId) : IRequest<Outcome<QrCodeDto>>;

internal sealed class QrCodesHandler(LinksDbContext db, QrCodeService qr, TimeProvider clock)
    : IRequestHandler<GetQrCodePng, Outcome<QrCodePng>>, IRequestHandler<CreateQrCode, Outcome<QrCodeDto>>
{
    public async ValueTask<Outcome<QrCodePng>> Handle(GetQrCodePng r, CancellationToken ct)
    {
        var share = await db.Links.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.ShareId && s.OwnerUserId == r.UserId, ct);
        if (share is null) return Outcome<QrCodePng>.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.QrCodes.AsNoTracking()
            .Where(q => q.ShareId == r.ShareId && (r.QrId == null ? q.ExpiresAt > now : q.Id == r.QrId))
            .OrderByDescending(q => q.CreatedAt).FirstOrDefaultAsync(ct);
        if (code is null) return Outcome<QrCodePng>.Fail(Refused.NotFound, "No QR code", "This share has no QR code that still works. Make a new one.", "qr_expired");
        var described = await qr.DescribeAsync(share, code, ct);
        return Outcome<QrCodePng>.Success(new QrCodePng(QrCodeService.Png(described.Url), $"qr-{share.Name}.png"));
    }

    public async ValueTask<Outcome<QrCodeDto>> Handle(CreateQrCode r, CancellationToken ct)
    {
        var share = await db.Links.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.ShareId && s.OwnerUserId == r.UserId && s.CanceledAt == null, ct);
        if (share is null) return Outcome<QrCodeDto>.NotFound();
        var code = qr.New(r.ShareId);
        await db.SaveChangesAsync(ct);
        return Outcome<QrCodeDto>.Success(await qr.DescribeAsync(share, code, ct));
    }
}

internal static class QrCodeEndpoints
{
    /// <summary>GET /api/shares/{id}/qr.png?qrId=</summary>
    public static async Task<Results<FileContentHttpResult, Refusal>> Png(Guid id, Guid? qrId, ClaimsPrincipal user, HttpRequest request,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetQrCodePng(user.GetUserId(), id, qrId), ct))
        .ToHttp(png => TypedResults.File(png.Png, "image/png", png.FileName));

    /// <summary>POST /api/shares/{id}/qr</summary>
    public static async Task<Results<Created<QrCodeDto>, Refusal>> Create(Guid id, ClaimsPrincipal user, HttpRequest request, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new CreateQrCode(user.GetUserId(), id), ct))
        .ToHttp(code => TypedResults.Created($"/api/shares/{id}/qr.png?qrId={code.Id}", code));
}
