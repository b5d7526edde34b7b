// A real OpenID provider for the tests (issue 29.1): the npm package oidc-provider (OpenID Certified), installed by
// scripts/test.sh into this folder and started by the tests (OpenIdProvider.cs): `node provider.mjs PACKAGE_DIR PORT ACCOUNTS_DIR`.
// Clients register themselves (RFC 7591 dynamic registration at /reg), so each test makes the client of its own team with
// its own redirect URI. The login page is the package's development form: any login signs in, the login being the e-mail.
// ACCOUNTS_DIR/<login>.json, written by a test, overrides the claims ({"email", "email_verified", "name", "groups"}).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, port, accountsDir] = process.argv.slice(2);
const { default: Provider } = await import(pathToFileURL(path.join(packageDir, 'node_modules/oidc-provider/lib/index.js')).href);

async function claimsOf(login) {
  const standard = { email: login, email_verified: true, name: login.split('@')[0] };
  try {
    return { ...standard, ...JSON.parse(await readFile(path.join(accountsDir, `${encodeURIComponent(login)}.json`), 'utf8')) };
  } catch {
    return standard;
  }
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  features: { registration: { enabled: true }, devInteractions: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  scopes: ['openid', 'email', 'profile'],
  cookies: { keys: ['teamshare-tests-only'] },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => ({ sub: id, ...(await claimsOf(id)) }) };
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider at ${issuer}`));
