/** A staff member's role in one library. */
export const ROLES = ['owner', 'editor', 'moderator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an API token may carry: machines never manage users, tokens or settings. */
export const TOKEN_ROLES = ['editor', 'moderator', 'viewer'] as const;

/**
 * What a role lets one do in its library. `read`: content, branches, ideas, reports; `edit`: polls,
 * ratings, idea boxes; `moderate`: ideas; `audit`: the audit log; `manage`: users, branches, origins, tokens.
 */
export const CAPABILITIES = ['read', 'edit', 'moderate', 'audit', 'manage'] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  owner: CAPABILITIES,
  editor: ['read', 'edit', 'audit'],
  moderator: ['read', 'moderate', 'audit'],
  viewer: ['read'],
};

export const roleMay = (role: Role, capability: Capability) => GRANTS[role].includes(capability);

/** The roles that grant `capability`, strongest first (the OpenAPI document lists them per operation). */
export const rolesWith = (capability: Capability): Role[] => ROLES.filter((role) => roleMay(role, capability));
