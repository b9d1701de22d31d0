#!/usr/bin/env node
// `npm start`: mcpctl as a manager. In a scratch folder with its own XDG
// directories (so a daemon you already run is left alone) it writes a config
// with two of mcpctl's own servers — the filesystem server on this
// repository's docs/ (read-only) and a SQLite database server on a sample
// database it generates — starts the daemon, lists the supervised servers,
// makes calls through the daemon's warm sessions, and says what to try next.
// The daemon is left running for you; the last lines say how to stop it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const cli = join(repo, 'cli/bin/mcpctl.js');
const scratch = mkdtempSync(join(tmpdir(), 'mcpctl-start-'));
const xdg = {
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_DATA_HOME: join(scratch, 'data'),
  XDG_CACHE_HOME: join(scratch, 'cache'),
  XDG_STATE_HOME: join(scratch, 'state'),
  XDG_RUNTIME_DIR: join(scratch, 'run'),
};
for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true, mode: 0o700 });
const env = { ...process.env, ...xdg };

function step(title, args, { allowFailure = false } = {}) {
  process.stdout.write(`\n\x1b[1m$ mcpctl ${args.join(' ')}\x1b[0m   # ${title}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, env, stdio: 'inherit' });
  if (result.status !== 0 && !allowFailure) {
    process.stderr.write(`\nstep failed with exit code ${result.status}; stopping the daemon\n`);
    spawnSync(process.execPath, [cli, 'daemon', 'stop'], { cwd: scratch, env, stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
}

// A small sample database: authors and their books.
const database = join(scratch, 'sample.db');
const db = new DatabaseSync(database);
db.exec(`
  CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);
  CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL, year INTEGER);
  CREATE INDEX books_author ON books(author_id);
  INSERT INTO authors (id, name, born) VALUES (1, 'Ursula K. Le Guin', 1929), (2, 'Octavia E. Butler', 1947), (3, 'Stanisław Lem', 1921);
  INSERT INTO books (author_id, title, year) VALUES
    (1, 'The Left Hand of Darkness', 1969), (1, 'The Dispossessed', 1974), (2, 'Kindred', 1979),
    (2, 'Parable of the Sower', 1993), (3, 'Solaris', 1961), (3, 'The Cyberiad', 1965);
`);
db.close();

writeFileSync(join(scratch, 'mcpctl.config.yaml'), `# Written by npm start. Validate with: mcpctl config validate
servers:
  docs:
    type: fs
    description: This repository's documentation, read-only
    roots: [${JSON.stringify(join(repo, 'docs'))}]
    access: read
  books:
    type: db
    description: A sample SQLite database of authors and books
    url: ${JSON.stringify(`sqlite:${database}`)}
    access: read
`);

process.stdout.write(`mcpctl tour in ${scratch}\n`);
step('check the config against the composed schema', ['config', 'validate']);
step('start the daemon: it supervises both servers and keeps warm sessions', ['daemon', 'start']);
step('what the daemon runs', ['servers', 'list']);
step('a call answered over the daemon\'s warm session', ['call', 'books', 'query', 'sql=SELECT a.name, b.title, b.year FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.year']);
step('the filesystem server, read-only on docs/', ['call', 'docs', 'list_dir', 'path=.']);
step('health of every configured server', ['health']);

const prefix = Object.entries(xdg).map(([name, value]) => `${name}=${value}`).join(' ');
// The Node to type: `node`, unless scripts/ensure-node.mjs brought a supported Node for
// this run because the machine's own is too old.
const node = process.env.MCPCTL_NODE_FROM_CACHE ? process.execPath : 'node';
process.stdout.write(`
The daemon keeps running. Try, in ${scratch}:
  export ${prefix}
  ${node} ${cli} tools docs                                   # the filesystem server's tools
  ${node} ${cli} call docs read_text path=architecture.md     # read a file through it
  ${node} ${cli} call docs write path=x.md content=hi         # refused: the entry is access: read
  ${node} ${cli} call books describe_table table=books        # columns, keys, indexes
  ${node} ${cli} call books query sql="DELETE FROM books"     # refused: needs access: destructive
  ${node} ${cli} servers restart books && ${node} ${cli} servers logs books
  ${node} ${cli} daemon status
Stop it with:
  ${node} ${cli} daemon stop
`);
