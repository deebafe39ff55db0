import type {TemplateResult} from 'lit';
import type {TenantContext} from './element.js';
import type {Capability} from './session.js';

/**
 * One screen of the console. `path` is under /admin, with `:name` parameters (`/t/:tenant/polls/:id`);
 * paths under `/t/:tenant` get the library and need the signed-in role to grant `capability`.
 */
export interface Route {
  path: string;
  /** Imports the screen's module, which defines its element (screens load when first opened). */
  load: () => Promise<unknown>;
  /** The screen's element, given the path's parameters and, under /t/:tenant, the library. */
  render: (params: Record<string, string>, tenant?: TenantContext) => TemplateResult;
  /** What the role in the library must grant; `read` when absent. */
  capability?: Capability;
  /** A link in the library's menu, in `order`. */
  nav?: {label: () => string; order: number};
  /** Open without a session (sign-in, an invitation). */
  public?: boolean;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

const compiled = new WeakMap<Route, {regex: RegExp; names: string[]}>();

function compile(route: Route) {
  let entry = compiled.get(route);
  if (!entry) {
    const names: string[] = [];
    const source = route.path.replace(/:(\w+)|[.*+?^${}()|[\]\\]/g, (token, name?: string) => {
      if (!name) return `\\${token}`;
      names.push(name);
      return '([^/]+)';
    });
    entry = {regex: new RegExp(`^${source}/?$`), names};
    compiled.set(route, entry);
  }
  return entry;
}

/** The first route whose path matches `path` (relative to /admin), with its decoded parameters. */
export function match(routes: readonly Route[], path: string): Match | undefined {
  for (const route of routes) {
    const {regex, names} = compile(route);
    const found = regex.exec(path);
    if (!found) continue;
    try {
      return {route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]))};
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The console path of the current page, relative to /admin (`/t/demo/polls`), without a trailing slash. */
export function currentPath(): string {
  const path = location.pathname.replace(/^\/admin/, '') || '/';
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}
