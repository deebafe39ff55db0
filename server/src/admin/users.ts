import {createRoute, z} from '@hono/zod-openapi';
import {countOwners, ensureUser, findUser, findUserByEmail, normalizeEmail, removeMembership, setMembership} from '../auth/accounts.js';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import {ROLES, type Role} from '../auth/roles.js';
import type {Queryable} from '../db/db.js';
import type {AppDeps} from '../deps.js';
import {apiApp, dateTime, json, jsonBody, jsonRequest, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {audit} from './audit.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams, tenantParams, WRITE_PROBLEMS} from './http.js';
import {createdHeaders, CREATED_HEADERS, createHeaders, createOnce} from './idempotency.js';
import {createInvitation, pendingInvitations, reissueInvitation} from './invitations.js';
import {passwordField} from './session.js';

export const MemberSchema = z
  .strictObject({id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), hasPassword: z.boolean()})
  .openapi('Member');
const InvitationSchema = z.strictObject({email: z.string(), role: z.enum(ROLES), expiresAt: dateTime(), invitedBy: z.string()}).openapi('Invitation');
export const MembersSchema = z.strictObject({users: z.array(MemberSchema), invitations: z.array(InvitationSchema)}).openapi('Members');

export const NewMemberSchema = z
  .object({
    email: z.email('An email address').max(254),
    name: z.string().trim().max(200).optional(),
    role: z.enum(ROLES),
    password: passwordField().optional().openapi({description: 'A first password for a new account; without it, a new account gets a one-time invitation link'}),
  })
  .openapi('NewMember');
export const MemberAddedSchema = z
  .strictObject({
    user: MemberSchema.optional().openapi({description: 'When the account exists now'}),
    invitation: z.strictObject({url: z.url(), expiresAt: dateTime()}).optional().openapi({description: 'The one-time link to send to the person (shown once)'}),
  })
  .openapi('MemberAdded');
export const RoleChangeSchema = z.object({role: z.enum(ROLES)}).openapi('RoleChange');

async function member(db: Queryable, tenantId: string, userId: string) {
  const user = await findUser(db, userId);
  const role = user?.memberships.find((m) => m.tenantId === tenantId)?.role;
  if (!user || !role) return undefined;
  return {id: user.id, email: user.email, name: user.name, role, hasPassword: user.passwordHash !== null};
}

export function userApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const manage = [authenticate(deps), requireCapability(deps, 'manage')] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/users',
      operationId: 'adminListUsers',
      summary: "The library's staff and pending invitations",
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Staff', content: json(MembersSchema)}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const rows = await db.query<{id: string; email: string; name: string; role: Role; has_password: boolean}>(
        `select u.id, u.email, u.name, m.role, u.password_hash is not null as has_password
           from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 order by u.email`,
        [tenant],
      );
      const users = rows.map((r) => ({id: r.id, email: r.email, name: r.name, role: r.role, hasPassword: r.has_password}));
      return c.json({users, invitations: await pendingInvitations(db, tenant)}, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tenants/{tenant}/users',
      operationId: 'adminAddUser',
      summary: 'Add a staff member: an existing account joins, a new one is made with a password or invited by a one-time link',
      ...access('manage'),
      middleware: [...manage, jsonBody()] as const,
      request: {params: tenantParams, headers: createHeaders, body: jsonRequest(NewMemberSchema)},
      responses: {
        201: {description: 'Added or invited. A replay by Idempotency-Key of an invitation answers a new link (the first was never kept in clear and stops working).', headers: CREATED_HEADERS, content: json(MemberAddedSchema)},
        ...problems('email-taken', 'idempotency-key-reused', 'invitation-invalid', ...WRITE_PROBLEMS),
      },
    }),
    async (c) => {
      const {tenant} = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('principal').actor;
      let link: string | undefined;
      const {value, replayed} = await createOnce(c, deps, body, async (tx) => {
        const existing = await findUserByEmail(tx, body.email);
        if (existing?.memberships.some((m) => m.tenantId === tenant)) throw new Problem('email-taken', {detail: `${normalizeEmail(body.email)} is already a member of this library.`});
        if (!existing && body.password === undefined) {
          const invitation = await createInvitation(deps, tx, {tenantId: tenant, email: body.email, role: body.role, createdBy: actor});
          await audit(tx, {tenantId: tenant, actor, action: 'invite', kind: 'user', id: null, after: {email: normalizeEmail(body.email), role: body.role, expiresAt: invitation.expiresAt}});
          link = invitation.url;
          return {invitation: {expiresAt: invitation.expiresAt}, invited: normalizeEmail(body.email)};
        }
        const user = existing ?? (await ensureUser(tx, {email: body.email, name: body.name, password: body.password}));
        await setMembership(tx, tenant, user.id, body.role);
        const added = (await member(tx, tenant, user.id))!;
        await audit(tx, {tenantId: tenant, actor, action: 'add', kind: 'user', id: user.id, after: {email: added.email, role: added.role}});
        return {user: added};
      });
      if (!value.invitation) return c.json({user: value.user}, 201, createdHeaders(replayed));
      const {expiresAt} = value.invitation;
      link ??= await db.transaction(async (tx) => {
        const url = await reissueInvitation(deps, tx, {tenantId: tenant, email: value.invited!, expiresAt});
        if (!url) throw new Problem('invitation-invalid', {detail: 'The invitation made with this Idempotency-Key was accepted or has expired since; look at the staff list.'});
        await audit(tx, {tenantId: tenant, actor, action: 'reissue-invitation', kind: 'user', id: null, after: {email: value.invited, expiresAt}});
        return url;
      });
      return c.json({invitation: {url: link, expiresAt}}, 201, createdHeaders(replayed));
    },
  );

  const lastOwner = () => new Problem('last-owner', {detail: 'Make someone else an owner first.'});

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/tenants/{tenant}/users/{id}',
      operationId: 'adminChangeRole',
      summary: "Change a staff member's role in this library",
      ...access('manage'),
      middleware: [...manage, jsonBody()] as const,
      request: {params: tenantIdParams, body: jsonRequest(RoleChangeSchema)},
      responses: {200: {description: 'The member', content: json(MemberSchema)}, ...problems('last-owner', ...WRITE_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      const {role} = c.req.valid('json');
      const updated = await db.transaction(async (tx) => {
        const before = await member(tx, tenant, idOf(id, 'user'));
        if (!before) throw new Problem('not-found', {detail: `There is no member "${id}".`});
        if (before.role === 'owner' && role !== 'owner' && (await countOwners(tx, tenant)) <= 1) throw lastOwner();
        await setMembership(tx, tenant, id, role);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'change-role', kind: 'user', id, before: {role: before.role}, after: {role}});
        return (await member(tx, tenant, id))!;
      });
      return c.json(updated, 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}/users/{id}',
      operationId: 'adminRemoveUser',
      summary: 'Remove a staff member from this library (their account stays for other libraries)',
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantIdParams},
      responses: {204: {description: 'Removed'}, ...problems('last-owner', ...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await db.transaction(async (tx) => {
        const before = await member(tx, tenant, idOf(id, 'user'));
        if (!before) throw new Problem('not-found', {detail: `There is no member "${id}".`});
        if (before.role === 'owner' && (await countOwners(tx, tenant)) <= 1) throw lastOwner();
        await removeMembership(tx, tenant, id);
        await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'remove', kind: 'user', id, before: {email: before.email, role: before.role}});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
  return app;
}
