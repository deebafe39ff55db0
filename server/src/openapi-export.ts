/**
 * Writes the OpenAPI document to a file without opening a database or listening:
 * `node server/dist/openapi-export.js <out.json>`. The widgets' API types are generated from it.
 */
import {writeFileSync} from 'node:fs';
import {openApiDocument} from './openapi.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: node server/dist/openapi-export.js <out.json>');
  process.exit(2);
}
writeFileSync(out, JSON.stringify(openApiDocument('http://localhost:8787'), null, 2) + '\n');
