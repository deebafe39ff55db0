import {createInterface} from 'node:readline';
import {Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {audit} from './admin/audit.js';
import {SLUG_PATTERN} from './admin/http.js';
import {ensureUser, findUserByEmail, setMembership} from './auth/accounts.js';
import {PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH} from './auth/password.js';
import {ROLES, type Role} from './auth/roles.js';
import {loadConfig} from './config.js';
import {openDb, type Db} from './db/db.js';
import {migrate} from './db/migrate.js';
import {tenantExists} from './tenants/store.js';
import {DEFAULT_TIME_ZONE} from './tenants/time.js';

const USAGE = `Usage: npm run admin -- <command>
  create-tenant <id> <name> [--time-zone Europe/Helsinki] [--origin https://www.example.fi ...]
  create-user <email> --tenant <id> --role owner|editor|moderator|viewer [--name "…"]
  create-admin <email> [--name "…"]      (a regional admin: creates libraries, acts in every one)
The password is asked for (hidden), or read from KIRJASTO_ADMIN_PASSWORD or the first line of stdin;
it is never a command-line argument, so it stays out of shell history and process lists.
Storage as for the server: DATABASE_URL, else PGlite in KIRJASTO_DATA_DIR (./data).`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  stdout: (line: string) => void;
  /** Where a hidden prompt writes its question. */
  stderr: NodeJS.WritableStream;
}

class UsageError extends Error {}

/** The password: from the environment, a hidden prompt on a terminal, or stdin's first line. */
async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.KIRJASTO_ADMIN_PASSWORD;
  const password = fromEnv !== undefined ? fromEnv : await promptLine(io, 'Password (not shown): ');
  if ([...password].length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new UsageError(`The password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters.`);
  }
  return password;
}

function promptLine(io: CliIo, question: string): Promise<string> {
  const muted = new Writable({write: (_chunk, _encoding, done) => done()});
  if (io.stdin.isTTY) io.stderr.write(question);
  const rl = createInterface({input: io.stdin, output: io.stdin.isTTY ? muted : undefined, terminal: io.stdin.isTTY ?? false});
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      if (io.stdin.isTTY) io.stderr.write('\n');
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) reject(new UsageError('No password given: type it, or set KIRJASTO_ADMIN_PASSWORD.'));
    });
  });
}

/** Runs one command against `db`; returns the exit code. */
export async function runCli(argv: string[], db: Db, io: CliIo): Promise<number> {
  const {positionals, values} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: {type: 'string'},
      role: {type: 'string'},
      name: {type: 'string'},
      'time-zone': {type: 'string'},
      origin: {type: 'string', multiple: true},
      help: {type: 'boolean', short: 'h'},
    },
  });
  const [command, ...args] = positionals;
  try {
    switch (command) {
      case 'create-tenant': {
        const [id, name] = args;
        if (!id || !name) throw new UsageError('create-tenant needs an id and a name.');
        if (!SLUG_PATTERN.test(id)) throw new UsageError('The id must be 3–64 characters of a–z, 0–9 and -.');
        if (await tenantExists(db, id)) throw new UsageError(`There is already a library "${id}".`);
        const timeZone = values['time-zone'] ?? DEFAULT_TIME_ZONE;
        await db.transaction(async (tx) => {
          await tx.query('insert into tenants (id, name, time_zone, allowed_origins) values ($1, $2, $3, $4)', [id, name, timeZone, values.origin ?? []]);
          await audit(tx, {tenantId: id, actor: 'cli', action: 'create', kind: 'tenant', id, after: {id, name, timeZone, allowedOrigins: values.origin ?? []}});
        });
        io.stdout(`Created the library "${id}" (${name}). Next: npm run admin -- create-user <email> --tenant ${id} --role owner`);
        return 0;
      }
      case 'create-user': {
        const [email] = args;
        const tenant = values.tenant;
        const role = values.role as Role | undefined;
        if (!email || !email.includes('@')) throw new UsageError('create-user needs an email.');
        if (!tenant || !role || !ROLES.includes(role)) throw new UsageError(`create-user needs --tenant <id> and --role ${ROLES.join('|')}.`);
        if (!(await tenantExists(db, tenant))) throw new UsageError(`There is no library "${tenant}".`);
        const existing = await findUserByEmail(db, email);
        const password = existing?.passwordHash ? undefined : await readPassword(io);
        await db.transaction(async (tx) => {
          const user = await ensureUser(tx, {email, name: values.name, password});
          await setMembership(tx, tenant, user.id, role);
          await audit(tx, {tenantId: tenant, actor: 'cli', action: 'add', kind: 'user', id: user.id, after: {email: user.email, role}});
        });
        io.stdout(`${email} is now ${role} of "${tenant}"${existing?.passwordHash ? ' (existing account, password unchanged)' : ''}. Sign in at /api/v1/admin/session.`);
        return 0;
      }
      case 'create-admin': {
        const email = args[0] ?? (await promptLine(io, 'Email: ')).trim();
        if (!email.includes('@')) throw new UsageError('create-admin needs an email.');
        const existing = await findUserByEmail(db, email);
        const password = existing?.passwordHash ? undefined : await readPassword(io);
        await db.transaction(async (tx) => {
          const user = await ensureUser(tx, {email, name: values.name, password, regionalAdmin: true});
          await audit(tx, {tenantId: null, actor: 'cli', action: 'create-admin', kind: 'user', id: user.id, after: {email: user.email, regionalAdmin: true}});
        });
        io.stdout(`${email} is a regional admin${existing?.passwordHash ? ' (existing account, password unchanged)' : ''}.`);
        return 0;
      }
      default:
        io.stdout(USAGE);
        return command === undefined || values.help ? 0 : 2;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stdout(`kirjasto admin: ${error.message}`);
    return 2;
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDb({databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteTemplateDir: config.pgliteTemplateDir});
  try {
    await migrate(db);
    process.exitCode = await runCli(process.argv.slice(2), db, {env: process.env, stdin: process.stdin, stdout: (line) => console.log(line), stderr: process.stderr});
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error('kirjasto admin: failed:', error);
    process.exit(1);
  });
}
