import {createRoute, z} from '@hono/zod-openapi';
import {access, authenticate, requireCapability, type AdminEnv} from '../auth/principal.js';
import {ADMIN_PROBLEMS, idOf, NO_STORE, tenantIdParams, tenantParams} from '../admin/http.js';
import {audit} from '../admin/audit.js';
import type {AppDeps} from '../deps.js';
import {apiApp, dateTime, json, problems} from '../http/contract.js';
import {Problem} from '../http/problem.js';
import {listKiosks, revokeKiosk, type KioskDeviceRecord} from './devices.js';

export const AdminKioskSchema = z
  .strictObject({
    id: z.string(),
    label: z.string(),
    branchId: z.string().nullable(),
    createdAt: dateTime(),
    lastSeenAt: dateTime().nullable(),
    revokedAt: dateTime().nullable(),
  })
  .openapi('AdminKiosk', {description: 'A kiosk registered by unlocking it with the staff PIN (never its token)'});

const view = (k: KioskDeviceRecord) => ({
  id: k.id,
  label: k.label,
  branchId: k.branchId,
  createdAt: k.createdAt.toISOString(),
  lastSeenAt: k.lastSeenAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** The library's registered kiosks, for its owners: list them, revoke one (its answers then count as web). */
export function kioskAdminApi(deps: AppDeps) {
  const {db} = deps;
  const app = apiApp<AdminEnv>();
  const manage = [authenticate(deps), requireCapability(deps, 'manage')] as const;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tenants/{tenant}/kiosks',
      operationId: 'adminListKiosks',
      summary: "The library's registered kiosks, revoked ones included (never their tokens)",
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantParams},
      responses: {200: {description: 'Kiosks', content: json(z.object({kiosks: z.array(AdminKioskSchema)}).openapi('AdminKiosks'))}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => c.json({kiosks: (await listKiosks(db, c.req.valid('param').tenant)).map(view)}, 200, NO_STORE),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tenants/{tenant}/kiosks/{id}',
      operationId: 'adminRevokeKiosk',
      summary: "Revoke a kiosk: from now on its answers count as web, with the web's limits, until staff register it again with the PIN",
      ...access('manage'),
      middleware: [...manage] as const,
      request: {params: tenantIdParams},
      responses: {204: {description: 'Revoked'}, ...problems(...ADMIN_PROBLEMS)},
    }),
    async (c) => {
      const {tenant, id} = c.req.valid('param');
      await db.transaction(async (tx) => {
        const before = await revokeKiosk(tx, tenant, idOf(id, 'kiosk'));
        if (!before) throw new Problem('not-found', {detail: `There is no kiosk "${id}" in this library.`});
        if (before.revokedAt === null) await audit(tx, {tenantId: tenant, actor: c.get('principal').actor, action: 'revoke', kind: 'kiosk', id, before: view(before)});
      });
      return c.body(null, 204, NO_STORE);
    },
  );
  return app;
}
