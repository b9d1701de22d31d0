// Runs a verdaccio registry in its own process (the tests' CLI runs are
// synchronous, so the registry cannot share their event loop). Prints the
// bound address as one JSON line, then serves until killed.
import { runServer } from 'verdaccio';

const [storage, htpasswd] = process.argv.slice(2);
const config = {
  storage,
  auth: { htpasswd: { file: htpasswd, max_users: 100 } },
  uplinks: {},
  packages: {
    '@private/*': { access: '$authenticated', publish: '$authenticated', unpublish: '$authenticated' },
    '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
  },
  security: { api: { jwt: { sign: { expiresIn: '1d' } } } },
  log: { type: 'stdout', format: 'json', level: 'fatal' },
  self_path: storage,
  max_body_size: '50mb',
};
const app = await runServer(config);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
