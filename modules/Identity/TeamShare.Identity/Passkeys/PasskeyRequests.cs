using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.Passkeys;

internal sealed record PasskeyDto(Guid Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>Issue 29: the options a browser makes a passkey of this member with (JSON, as WebAuthn's parseCreationOptionsFromJSON takes it).</summary>
internal sealed record StartPasskeyEnrolment(Guid UserId) : IRequest<string>;

/// <param name="OptionsJson">What <see cref="StartPasskeyEnrolment"/> answered this browser; null when it has no ceremony running.</param>
/// <param name="Credential">The browser's new credential, as its toJSON() writes it.</param>
/// <param name="Who">The member, who confirms with their password (<see cref="Me.PasswordConfirmation"/>).</param>
internal sealed record FinishPasskeyEnrolment(Me.Confirmed Who, string? Name, string? OptionsJson, JsonElement? Credential) : IRequest<Outcome<PasskeyDto>>;

internal sealed record ListPasskeys(Guid UserId) : IRequest<IReadOnlyList<PasskeyDto>>;

internal sealed record RemovePasskey(Me.Confirmed Who, Guid PasskeyId) : IRequest<Outcome<bool>>;

/// <summary>Options for a sign-in with any passkey of this site (discoverable: the browser offers the person's own).</summary>
internal sealed record StartPasskeySignIn : IRequest<string>;

/// <summary>The member a browser's passkey answer signs in, or null: unknown passkey, wrong signature, inactive member.</summary>
internal sealed record FinishPasskeySignIn(string? OptionsJson, JsonElement? Credential) : IRequest<User?>;

internal sealed class FinishPasskeyEnrolmentValidator : IValidator<FinishPasskeyEnrolment>
{
    public IReadOnlyDictionary<string, string[]> Validate(FinishPasskeyEnrolment request) =>
        string.IsNullOrWhiteSpace(request.Name) ? Invalid.Field("name", "Name the passkey, such as the device it is on.")
        : request.Name.Trim().Length > 100 ? Invalid.Field("name", "A name has at most 100 characters.")
        : request.Credential is not { ValueKind: JsonValueKind.Object } ? Invalid.Field("credential", "Send the credential the browser made.")
        : Invalid.None;
}

internal sealed class PasskeyHandler(IdentityDbContext db, RelyingParty party, TimeProvider clock, IMediator mediator) :
    IRequestHandler<StartPasskeyEnrolment, string>, IRequestHandler<FinishPasskeyEnrolment, Outcome<PasskeyDto>>,
    IRequestHandler<ListPasskeys, IReadOnlyList<PasskeyDto>>, IRequestHandler<RemovePasskey, Outcome<bool>>,
    IRequestHandler<StartPasskeySignIn, string>, IRequestHandler<FinishPasskeySignIn, User?>
{
    public async ValueTask<string> Handle(StartPasskeyEnrolment request, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == request.UserId, ct);
        var existing = await db.Passkeys.AsNoTracking().Where(p => p.UserId == request.UserId).Select(p => p.CredentialId).ToListAsync(ct);
        return party.Fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = user.Id.ToByteArray(), Name = user.Email, DisplayName = user.DisplayName },
            // The same authenticator twice would be one key under two names.
            ExcludeCredentials = existing.Select(id => new PublicKeyCredentialDescriptor(id)).ToList(),
            // Discoverable and verified (a PIN, a fingerprint): the passkey alone signs in, with no password and no e-mail typed.
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required,
            },
        }).ToJson();
    }

    public async ValueTask<Outcome<PasskeyDto>> Handle(FinishPasskeyEnrolment request, CancellationToken ct)
    {
        if (await Me.PasswordConfirmation.RefusalAsync<PasskeyDto>(mediator, request.Who, ct) is { } refused) return refused;
        if (request.OptionsJson is null)
            return Outcome<PasskeyDto>.Invalid("credential", "This passkey was not asked for here, or too long ago. Try again.");
        RegisteredPublicKeyCredential made;
        try
        {
            var options = CredentialCreateOptions.FromJson(request.OptionsJson);
            if (!options.User.Id.AsSpan().SequenceEqual(request.Who.UserId.ToByteArray()))
                return Outcome<PasskeyDto>.Invalid("credential", "This passkey was not asked for here, or too long ago. Try again.");
            made = await party.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = request.Credential!.Value.Deserialize<AuthenticatorAttestationRawResponse>()!,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = async (p, c) => !await db.Passkeys.AnyAsync(k => k.CredentialId == p.CredentialId, c),
            }, ct);
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or InvalidOperationException)
        {
            return Outcome<PasskeyDto>.Invalid("credential", "The browser's passkey could not be checked. Try again.");
        }
        var user = await db.Users.FirstAsync(u => u.Id == request.Who.UserId, ct);
        user.HasPasskey = true;
        var passkey = new Passkey
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, TeamId = user.TeamId, CredentialId = made.Id, PublicKey = made.PublicKey,
            SignCount = made.SignCount, Name = request.Name!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync(ct);
        return Outcome<PasskeyDto>.Success(Dto(passkey));
    }

    public async ValueTask<IReadOnlyList<PasskeyDto>> Handle(ListPasskeys request, CancellationToken ct) =>
        await db.Passkeys.AsNoTracking().Where(p => p.UserId == request.UserId).OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyDto(p.Id, p.Name, p.CreatedAt, p.LastUsedAt)).ToListAsync(ct);

    public async ValueTask<Outcome<bool>> Handle(RemovePasskey request, CancellationToken ct)
    {
        var userId = request.Who.UserId;
        if (!await db.Passkeys.AnyAsync(p => p.Id == request.PasskeyId && p.UserId == userId, ct)) return Outcome<bool>.NotFound();
        if (await Me.PasswordConfirmation.RefusalAsync<bool>(mediator, request.Who, ct) is { } refused) return refused;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Passkeys.Where(p => p.Id == request.PasskeyId && p.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.HasPasskey, u => db.Passkeys.Any(p => p.UserId == u.Id)), ct);
        await transaction.CommitAsync(ct);
        return Outcome<bool>.Success(true);
    }

    public ValueTask<string> Handle(StartPasskeySignIn request, CancellationToken ct) =>
        ValueTask.FromResult(party.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            UserVerification = UserVerificationRequirement.Required,
        }).ToJson());

    public async ValueTask<User?> Handle(FinishPasskeySignIn request, CancellationToken ct)
    {
        if (request.OptionsJson is null || request.Credential is not { ValueKind: JsonValueKind.Object } credential) return null;
        try
        {
            var answer = credential.Deserialize<AuthenticatorAssertionRawResponse>()!;
            var passkey = await db.Passkeys.FirstOrDefaultAsync(p => p.CredentialId == answer.RawId, ct);
            if (passkey is null) return null;
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == passkey.UserId && u.IsActive, ct);
            if (user is null || await SingleSignOn.SingleSignOnRequirement.AppliesToAsync(db, user, ct)) return null;
            var verified = await party.Fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer, OriginalOptions = AssertionOptions.FromJson(request.OptionsJson),
                StoredPublicKey = passkey.PublicKey, StoredSignatureCounter = (uint)passkey.SignCount,
                // The authenticator names the account it holds the key for: it must be the member the key was made for.
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(passkey.UserId.ToByteArray())),
            }, ct);
            passkey.SignCount = verified.SignCount;
            passkey.LastUsedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return user;
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static PasskeyDto Dto(Passkey p) => new(p.Id, p.Name, p.CreatedAt, p.LastUsedAt);
}
