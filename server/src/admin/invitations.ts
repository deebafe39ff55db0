import {randomBytes} from 'node:crypto';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {findUserByEmail, normalizeEmail, setMembership} from '../auth/accounts.js';
import type {Role} from '../auth/roles.js';
import {Problem} from '../http/problem.js';
import {audit} from './audit.js';
import {newId} from './http.js';

const VALID_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = async (deps: AppDeps, token: string) => (await deps.secrets.mac(`invitation:${token}`)).toString('hex');

/** A one-time link for someone without an account yet; only its hash is stored. */
export async function createInvitation(deps: AppDeps, tx: Queryable, spec: {tenantId: string; email: string; role: Role; createdBy: string}) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + VALID_DAYS * 86_400_000);
  await tx.query('insert into invitations (token_hash, tenant_id, email, role, created_by, expires_at) values ($1, $2, $3, $4, $5, $6)', [
    await hashOf(deps, token),
    spec.tenantId,
    normalizeEmail(spec.email),
    spec.role,
    spec.createdBy,
    expiresAt.toISOString(),
  ]);
  return {url: linkOf(deps, token), token, expiresAt: expiresAt.toISOString()};
}

/**
 * A new link for a pending invitation (a create replayed by its Idempotency-Key: the first link was
 * never stored in clear); the old link stops working. Undefined once it was accepted or has expired.
 */
export async function reissueInvitation(deps: AppDeps, tx: Queryable, invitation: {tenantId: string; email: string; expiresAt: string}) {
  const token = randomBytes(32).toString('base64url');
  const rows = await tx.query(
    `update invitations set token_hash = $4
      where tenant_id = $1 and email = $2 and expires_at = $3 and accepted_at is null and expires_at > now() returning email`,
    [invitation.tenantId, invitation.email, invitation.expiresAt, await hashOf(deps, token)],
  );
  return rows.length > 0 ? linkOf(deps, token) : undefined;
}

// The console's page takes the token from the fragment, so it never reaches a server log.
const linkOf = (deps: AppDeps, token: string) => `${deps.config.publicUrl}/admin/#invitation=${token}`;

export async function pendingInvitations(db: Queryable, tenantId: string) {
  const rows = await db.query<{email: string; role: Role; expires_at: Date | string; created_by: string}>(
    'select email, role, expires_at, created_by from invitations where tenant_id = $1 and accepted_at is null and expires_at > now() order by created_at',
    [tenantId],
  );
  return rows.map((r) => ({email: r.email, role: r.role, expiresAt: new Date(r.expires_at).toISOString(), invitedBy: r.created_by}));
}

/** Uses the invitation once: the account (made now, with this password) joins the library. Returns the user id. */
export async function acceptInvitation(deps: AppDeps, token: string, account: {passwordHash: string; name?: string}): Promise<string> {
  const invalid = new Problem('invitation-invalid', {detail: 'Ask the library’s owner for a new invitation.'});
  if (!TOKEN_PATTERN.test(token)) throw invalid;
  const hash = await hashOf(deps, token);
  return deps.db.transaction(async (tx) => {
    const [invitation] = await tx.query<{tenant_id: string; email: string; role: Role}>(
      'select tenant_id, email, role from invitations where token_hash = $1 and accepted_at is null and expires_at > now() for update',
      [hash],
    );
    if (!invitation) throw invalid;
    let user = await findUserByEmail(tx, invitation.email);
    if (!user) {
      await tx.query('insert into users (id, email, name, password_hash) values ($1, $2, $3, $4)', [newId('usr'), invitation.email, account.name ?? '', account.passwordHash]);
      user = (await findUserByEmail(tx, invitation.email))!;
    }
    await setMembership(tx, invitation.tenant_id, user.id, invitation.role);
    await tx.query('update invitations set accepted_at = now() where token_hash = $1', [hash]);
    await audit(tx, {tenantId: invitation.tenant_id, actor: user.email, action: 'accept-invitation', kind: 'user', id: user.id, after: {email: user.email, role: invitation.role}});
    return user.id;
  });
}
