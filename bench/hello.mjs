// A bare Hono hello-world on @hono/node-server: the ceiling the server's own figures are compared with.
import {serve} from '@hono/node-server';
import {Hono} from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({hello: 'world'}));
const server = serve({fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1'}, () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
