import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as c from './dist/config/index.js';
const dir = '../test/fixtures/configs/malformed';
const pdir = '../test/fixtures/configs/plugin';
const manifest = JSON.parse(readFileSync(join(pdir, 'package.json'), 'utf8'));
const fragment = { plugin: manifest.name, schemaPath: join(pdir, 'schema.json'), schema: JSON.parse(readFileSync(join(pdir, 'schema.json'), 'utf8')),
  serverTypes: manifest.mcpctl.provides.serverTypes.map(x => x.name), transports: manifest.mcpctl.provides.transports.map(x => x.name), authMethods: manifest.mcpctl.provides.authMethods.map(x => x.name) };
const files = process.argv[2] ? [process.argv[2]] : readdirSync(dir);
for (const f of files) {
  const profile = f.startsWith('profile-') ? (f === 'profile-unknown.yaml' ? 'staging' : 'dev') : undefined;
  try {
    const file = await c.readConfigFile({ cwd: process.cwd(), configPath: join(dir, f), env: {} });
    const r = c.resolveConfig(file, { env: {}, profile });
    const issues = c.validateConfig(r.config, [fragment], { file, profile: r.profile, knownProviders: { s3: '@mcpctl/plugin-s3' } });
    if (issues.length) { const e = c.configInvalidError(issues, file); console.log(`## ${f} -> ${e.code} ${e.exitCode}\n${e.message}`); }
    else console.log(`## ${f} -> VALID`);
  } catch (e) { console.log(`## ${f} -> ${e.code} ${e.exitCode}\n${e.message}\n   details=${JSON.stringify(e.details)}`); if (!e.code) console.log(e.stack); }
}
