import {api, type Role, type StaffSession} from './api.js';

/** What each role may do in its library; the server checks the same rule on every request (server/src/auth/roles.ts). */
export type Capability = 'read' | 'edit' | 'moderate' | 'audit' | 'manage';

const GRANTS: Record<Role, readonly Capability[]> = {
  owner: ['read', 'edit', 'moderate', 'audit', 'manage'],
  editor: ['read', 'edit', 'audit'],
  moderator: ['read', 'moderate', 'audit'],
  viewer: ['read'],
};

export const roleMay = (role: Role | undefined, capability: Capability) => !!role && GRANTS[role].includes(capability);

/** The signed-in staff member, or undefined before sign-in; the CSRF token goes to the client with it. */
export async function loadSession(): Promise<StaffSession | undefined> {
  try {
    const {data} = await api.get<StaffSession>('/session');
    api.csrfToken = data.csrfToken;
    return data;
  } catch (error) {
    if ((error as {status?: number}).status === 401) return undefined;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<StaffSession> {
  const {data} = await api.request<StaffSession>('POST', '/session', {body: {email, password}});
  api.csrfToken = data.csrfToken;
  return data;
}

export async function signOut(): Promise<void> {
  await api.request('DELETE', '/session');
  api.csrfToken = '';
}
