import {writeFile} from 'node:fs/promises';
import {createApp} from './app.js';
import {loadConfig} from './config.js';
import type {Db} from './db/db.js';
import {openApiDocument} from './openapi.js';

/**
 * `node server/dist/openapi-export.js <out.json>`: writes the OpenAPI document the server serves at
 * /api/v1/openapi.json, without opening a database or listening (the widgets' build generates types from it).
 */
const out = process.argv[2];
if (!out) {
  console.error('usage: node server/dist/openapi-export.js <out.json>');
  process.exit(2);
}
const refuse = () => Promise.reject(new Error('openapi-export has no database'));
const noDatabase: Db = {kind: 'pglite', query: refuse, exec: refuse, transaction: refuse, close: async () => {}, listen: async () => {}};
const config = loadConfig(process.env);
const app = createApp({db: noDatabase, config});
await writeFile(out, `${JSON.stringify(openApiDocument(app, config.publicUrl), null, 2)}\n`);
