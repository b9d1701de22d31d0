import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, runCli, startCli, writeConfig } from './cli.js';
import { EVERYTHING, FIXTURE_SERVER, HTTP_STATUS_SERVER, NODE, RAW_STDIO, freePort, startHttpServer, tempDir, type HttpServer } from './helpers.js';

/**
 * End to end: `node cli/bin/mcpctl.js <command> …` with HOME / XDG_* in a
 * temp dir and a temp config, against server-everything (stdio, Streamable
 * HTTP, SSE) and the fixture servers.
 */
const cliBuilt = existsSync(CLI) && existsSync(join(CLI, '../../dist/main.js'));
/** util-linux `script` gives the CLI a real terminal (a pty) for the interactive cases. */
const hasScript = process.platform === 'linux' && existsSync('/usr/bin/script');

describe.runIf(cliBuilt)('mcpctl client commands (e2e)', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let http: HttpServer;
  let sse: HttpServer;
  let unauthorized: HttpServer;
  let refusedPort: number;
  const events = () => join(home.path, 'events.jsonl');

  beforeAll(async () => {
    home = await tempDir('mcpctl-e2e-');
    [http, sse, unauthorized] = await Promise.all([
      startHttpServer(EVERYTHING, ['streamableHttp']),
      startHttpServer(EVERYTHING, ['sse']),
      startHttpServer(HTTP_STATUS_SERVER, ['401']),
    ]);
    refusedPort = await freePort();
    await writeConfig(home.path, [
      'servers:',
      `  everything: { type: stdio, command: ${JSON.stringify(NODE)}, args: [${JSON.stringify(EVERYTHING)}, stdio] }`,
      `  fixture: { type: stdio, command: ${JSON.stringify(NODE)}, args: [${JSON.stringify(FIXTURE_SERVER)}], env: { FIXTURE_EVENTS: ${JSON.stringify(events())} } }`,
      `  remote: { type: http, url: "${http.url}/mcp" }`,
      `  down: { type: http, url: "http://127.0.0.1:${refusedPort}/mcp", retry: { tries: 1 } }`,
      '',
    ].join('\n'));
  });
  afterAll(async () => {
    await Promise.all([http?.close(), sse?.close(), unauthorized?.close()]);
    await home?.cleanup();
  });

  const mcpctl = (...args: string[]) => runCli(home.path, args);

  describe('tools', () => {
    it('prints name, title, description and arguments with required ones marked', async () => {
      const r = await mcpctl('tools', 'everything');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/get-sum\s+Get Sum Tool\s+Returns the sum of two numbers\s+a\*: number, b\*: number/);
    });

    it('fetches every page', async () => {
      const r = await mcpctl('tools', 'fixture', '--json');
      expect(r.code, r.stderr).toBe(0);
      const names = (JSON.parse(r.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
      expect(names).toEqual(['echo', 'add', 'crash', 'slow', 'fail', 'ask', 'counter']);
    });

    it('--json gives the raw list', async () => {
      const r = await mcpctl('tools', 'everything', '--json');
      const tool = (JSON.parse(r.stdout) as { tools: Array<{ name: string; inputSchema: unknown }> }).tools.find((t) => t.name === 'get-sum');
      expect(tool?.inputSchema).toMatchObject({ type: 'object', required: ['a', 'b'] });
    });
  });

  describe('call', () => {
    it('coerces key=value by the input schema and prints the text', async () => {
      const r = await mcpctl('call', 'everything', 'get-sum', 'a=2', 'b=40');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('The sum of 2 and 40 is 42.');
    });

    it('takes --args JSON and arrays', async () => {
      const r = await mcpctl('call', 'fixture', 'add', '--args', '{"values":[1,2]}', 'values=[1.5,2.5]', 'round=yes');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('{\n  "sum": 4\n}');
    });

    it('prints structuredContent pretty, or the raw result with --json', async () => {
      const pretty = await mcpctl('call', 'everything', 'get-structured-content', 'location=Chicago');
      expect(pretty.code).toBe(0);
      expect(pretty.stdout).toMatch(/"temperature": \d+/);
      const raw = await mcpctl('call', 'everything', 'get-structured-content', 'location=Chicago', '--json');
      expect(JSON.parse(raw.stdout)).toMatchObject({ structuredContent: { temperature: expect.any(Number) }, content: [{ type: 'text' }] });
    });

    it('summarizes binary content, and saves it with --out', async () => {
      const summary = await mcpctl('call', 'everything', 'get-tiny-image');
      expect(summary.stdout).toMatch(/\[image image\/png, [\d.]+ KB — pass --out <dir> to save it\]/);
      const out = join(home.path, 'out');
      const saved = await mcpctl('call', 'everything', 'get-tiny-image', '--out', out);
      expect(saved.code, saved.stderr).toBe(0);
      const files = await readdir(out);
      expect(files).toEqual(['1-image.png']);
      const bytes = await readFile(join(out, files[0]!));
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    });

    it('prints resource links and embedded resources', async () => {
      const links = await mcpctl('call', 'everything', 'get-resource-links', 'count=2');
      expect(links.stdout).toContain('<demo://resource/dynamic/text/2>');
      const embedded = await mcpctl('call', 'everything', 'get-resource-reference', 'resourceType=Text', 'resourceId=3');
      expect(embedded.stdout).toContain('── demo://resource/dynamic/text/3 (text/plain) ──');
    });

    it('exits 1 when the tool answers isError', async () => {
      const r = await mcpctl('call', 'fixture', 'fail');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('this tool always fails');
      expect(r.stderr).toContain('Tool fail answered with an error');
    });

    it('rejects bad arguments before sending, naming the argument and type (exit 2)', async () => {
      const typed = await mcpctl('call', 'everything', 'get-sum', 'a=abc', 'b=1');
      expect(typed.code).toBe(2);
      expect(typed.stderr).toContain('argument a: expected a number, got "abc"');
      const missing = await mcpctl('call', 'everything', 'get-sum', 'a=1', '--json');
      expect(missing.code).toBe(2);
      expect(JSON.stringify(JSON.parse(missing.stdout))).toContain('"code":"MCPCTL_CLIENT_BAD_ARGUMENT"');
      expect(missing.stdout).toContain('b: is required (number)');
      const enumBad = await mcpctl('call', 'everything', 'get-structured-content', 'location=Paris');
      expect(enumBad.code).toBe(2);
      expect(enumBad.stderr).toContain('location: expected one of "New York", "Chicago", "Los Angeles"');
    });

    it('rejects an unknown tool with suggestions (exit 2)', async () => {
      const r = await mcpctl('call', 'everything', 'get-summ');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('has no tool "get-summ"; did you mean get-sum');
    });

    it('exits 4 with the last stderr lines when the server dies mid-call', async () => {
      const r = await mcpctl('call', 'fixture', 'crash');
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('MCPCTL_CLIENT_SERVER_EXITED');
      expect(r.stderr).toContain('fixture: simulated fatal error');
    });

    it('Ctrl-C cancels the call on the server and exits 130', async () => {
      const { child, done } = startCli(home.path, ['call', 'fixture', 'slow', 'steps=100', 'stepMs=50']);
      for (let i = 0; i < 100; i++) {
        const log = await readFile(events(), 'utf8').catch(() => '');
        if (log.includes('"name":"slow"')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGINT');
      const r = await done;
      expect(r.code).toBe(130);
      await new Promise((r) => setTimeout(r, 300));
      expect(await readFile(events(), 'utf8')).toContain('{"event":"cancelled","name":"slow"}');
    });

    it('--timeout bounds a slow call (exit 124)', async () => {
      const r = await mcpctl('call', 'fixture', 'slow', 'steps=100', 'stepMs=100', '--timeout', '1500', '--json');
      expect(r.code).toBe(124);
      expect(JSON.parse(r.stdout)).toMatchObject({ code: 'MCPCTL_TIMEOUT', message: 'tools/call on fixture timed out after 1500ms' });
    });

    it('works with an ad-hoc --cmd server and --env', async () => {
      const r = await mcpctl('call', '--cmd', `"${NODE}" "${EVERYTHING}" stdio`, '--env', 'MCPCTL_E2E=yes', 'get-env');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('"MCPCTL_E2E": "yes"');
    });

    it('answers form elicitation with --accept-defaults, and declines without a terminal', async () => {
      const accepted = await mcpctl('call', 'fixture', 'ask', '--accept-defaults');
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(JSON.parse(accepted.stdout)).toEqual({ action: 'accept', content: { size: 'M', count: 2 } });
      const declined = await mcpctl('call', 'fixture', 'ask');
      expect(JSON.parse(declined.stdout)).toEqual({ action: 'decline' });
      expect(declined.stderr).toContain('no terminal to ask on (pass --accept-defaults');
    });

    it('offers --root directories as roots', async () => {
      const r = await mcpctl('call', 'everything', 'get-roots-list', '--root', home.path);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`file://${home.path}`);
    });

    it('declines sampling with a clear message', async () => {
      const r = await mcpctl('call', 'everything', 'trigger-sampling-request', 'prompt=hi');
      expect(r.stderr).toContain("Declined the server's sampling request: mcpctl has no language model");
    });
  });

  describe.runIf(hasScript)('on a terminal', () => {
    /** Run mcpctl under a pty; `answers` maps a prompt seen in the output to the line typed for it. */
    function onTerminal(args: string[], answers: Array<[string, string]> = []): Promise<{ code: number | null; output: string }> {
      const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const child = spawn('/usr/bin/script', ['-q', '-e', '-c', quoted, '/dev/null'], { cwd: home.path, env: cliEnv(home.path, { TERM: 'xterm' }), stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      const pending = [...answers];
      child.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        while (pending.length > 0 && output.includes(pending[0]![0])) child.stdin!.write(`${pending.shift()![1]}\n`);
      });
      return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
    }

    it('asks form elicitation field by field, with defaults and choices', async () => {
      const r = await onTerminal(['call', 'fixture', 'ask'], [['size [M]: ', 'XL'], ['choose 1-3', '3'], ['count [2]: ', '5']]);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toContain('The server asks: Pick a size');
      expect(r.output).toContain('3) L');
      expect(r.output).toContain('{"action":"accept","content":{"size":"L","count":5}}');
    });

    it('draws a progress bar while a tool reports progress', async () => {
      const r = await onTerminal(['call', 'fixture', 'slow', 'steps=4', 'stepMs=200']);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/\[█+░*\] +\d+% \d\/4 step \d/);
      expect(r.output).toContain('done after 4 steps');
    });
  });

  describe('resources, templates, read', () => {
    it('lists resources and templates', async () => {
      const resources = await mcpctl('resources', 'everything');
      expect(resources.code).toBe(0);
      expect(resources.stdout).toContain('demo://resource/static/document/');
      const paged = await mcpctl('resources', 'fixture', '--json');
      expect((JSON.parse(paged.stdout) as { resources: unknown[] }).resources).toHaveLength(5);
      const templates = await mcpctl('templates', 'everything');
      expect(templates.stdout).toContain('demo://resource/dynamic/text/{');
    });

    it('reads a text resource, and writes a blob with --out', async () => {
      const text = await mcpctl('read', 'fixture', 'fixture://item/2');
      expect(text.stdout).toBe('content of fixture://item/2\n');
      const file = join(home.path, 'blob.bin');
      const blob = await mcpctl('read', 'everything', 'demo://resource/dynamic/blob/1', '--out', file);
      expect(blob.code, blob.stderr).toBe(0);
      expect((await stat(file)).size).toBeGreaterThan(0);
      expect(blob.stderr).toContain(`to ${file}`);
    });
  });

  describe('prompts', () => {
    it('lists prompts (every page) and gets one with arguments', async () => {
      const list = await mcpctl('prompts', 'fixture');
      expect(list.stdout).toMatch(/prompt-3\s+Prompt 3\s+topic\*/);
      const got = await mcpctl('prompt', 'everything', 'args-prompt', 'city=Paris');
      expect(got.code, got.stderr).toBe(0);
      expect(got.stdout).toContain('[user]');
      expect(got.stdout).toContain('Paris');
    });

    it('names a missing required prompt argument (exit 2)', async () => {
      const r = await mcpctl('prompt', 'everything', 'args-prompt');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('city: is required');
    });
  });

  describe('ping, inspect, health', () => {
    it('ping prints the round-trip time', async () => {
      const r = await mcpctl('ping', 'everything');
      expect(r.stdout).toMatch(/^pong from everything: [\d.]+ ms/);
      const json = JSON.parse((await mcpctl('ping', 'remote', '--json', '--count', '2')).stdout);
      expect(json).toMatchObject({ ok: true, rttMs: [expect.any(Number), expect.any(Number)] });
    });

    it('inspect shows identity, protocol, capabilities, instructions and counts', async () => {
      const r = await mcpctl('inspect', 'fixture', '--json');
      expect(JSON.parse(r.stdout)).toMatchObject({
        server: { name: 'fixture-server', version: '1.0.0' },
        protocolVersion: '2025-11-25',
        capabilities: { tools: {}, resources: {}, prompts: {} },
        instructions: 'A fixture for mcpctl tests.',
        counts: { tools: 7, resources: 5, prompts: 3, resourceTemplates: null },
      });
      const text = await mcpctl('inspect', 'everything');
      expect(text.stdout).toMatch(/Server: +Everything Reference Server — mcp-servers\/everything/);
      expect(text.stdout).toMatch(/Tools: +\d+/);
    });

    it('health checks every configured server concurrently; exit 1 when one is down', async () => {
      const r = await mcpctl('health', '--json', '--timeout', '8000');
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { healthy: boolean; targets: Array<{ target: string; status: string; latencyMs?: number; error?: { code: string } }> };
      expect(report.healthy).toBe(false);
      const byName = Object.fromEntries(report.targets.map((t) => [t.target, t]));
      expect(byName.everything).toMatchObject({ status: 'ok', latencyMs: expect.any(Number) });
      expect(byName.remote).toMatchObject({ status: 'ok' });
      expect(byName.down).toMatchObject({ status: 'fail', error: { code: 'MCPCTL_CLIENT_CONNECTION_REFUSED' } });
    });

    it('health of named healthy targets exits 0 with a table', async () => {
      const r = await mcpctl('health', 'everything', `${http.url}/mcp`);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/everything\s+OK/);
    });
  });

  describe('call --retry', () => {
    async function flaky(): Promise<HttpServer> {
      return startHttpServer(FIXTURE_SERVER, ['--http'], { FIXTURE_FLAKY: '1', FIXTURE_FLAKY_METHODS: 'tools/call' });
    }

    it('repeats a call to an idempotent tool after a 503 only with --retry', async () => {
      const once = await flaky();
      try {
        const r = await mcpctl('call', `${once.url}/mcp`, 'echo', 'message=again');
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('HTTP 503');
      } finally {
        await once.close();
      }
      const retried = await flaky();
      try {
        const r = await mcpctl('call', `${retried.url}/mcp`, 'echo', 'message=again', '--retry');
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trim()).toBe('again');
        expect(r.stderr).toContain('trying again');
      } finally {
        await retried.close();
      }
    });

    it('does not repeat a tool that is not annotated idempotent, even with --retry', async () => {
      const server = await flaky();
      try {
        const r = await mcpctl('call', `${server.url}/mcp`, 'counter', '--retry');
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('Not repeating counter on failure: the tool is not annotated idempotent');
      } finally {
        await server.close();
      }
    });
  });

  describe('targets and errors', () => {
    it('an unknown server name is exit 2 and lists the configured ones; --json puts the error on stdout', async () => {
      const r = await mcpctl('tools', 'nope');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('configured servers: everything, fixture, remote, down');
      const json = await mcpctl('tools', 'nope', '--json');
      expect(json.code).toBe(2);
      expect(json.stdout).toContain('"code": "MCPCTL_UNKNOWN_SERVER"');
      expect(json.stdout).toContain('"hint"');
    });

    it('talks Streamable HTTP and SSE to URLs', async () => {
      const viaHttp = await mcpctl('call', `${http.url}/mcp`, 'echo', 'message=over-http');
      expect(viaHttp.code, viaHttp.stderr).toBe(0);
      expect(viaHttp.stdout).toContain('over-http');
      const viaSse = await mcpctl('call', `${sse.url}/sse`, 'echo', 'message=over-sse');
      expect(viaSse.code, viaSse.stderr).toBe(0);
      expect(viaSse.stdout).toContain('over-sse');
    });

    it.each([['Streamable HTTP', '/mcp'], ['SSE', '/sse']])('every command works over %s', async (_name, path) => {
      const url = `${path === '/mcp' ? http.url : sse.url}${path}`;
      const runs = await Promise.all([
        mcpctl('tools', url, '--json'),
        mcpctl('resources', url, '--json'),
        mcpctl('templates', url, '--json'),
        mcpctl('prompts', url, '--json'),
        mcpctl('read', url, 'demo://resource/dynamic/text/1'),
        mcpctl('prompt', url, 'simple-prompt'),
        mcpctl('ping', url),
        mcpctl('inspect', url, '--json'),
        mcpctl('call', url, 'get-tiny-image'),
      ]);
      for (const r of runs) expect(r.code, `${url}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(runs[0]!.stdout).tools.length).toBeGreaterThan(5);
      expect(runs[4]!.stdout).toContain('Resource 1');
      expect(JSON.parse(runs[7]!.stdout).server.name).toBe('mcp-servers/everything');
      expect(runs[8]!.stdout).toContain('[image image/png');
    });

    it('a URL that refuses connections is exit 3', async () => {
      const r = await mcpctl('ping', `http://127.0.0.1:${refusedPort}/mcp`, '--json');
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('MCPCTL_CLIENT_CONNECTION_REFUSED');
    });

    it('a 401 is exit 3 and says which auth method to configure', async () => {
      const r = await mcpctl('tools', `${unauthorized.url}/mcp`);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('401 Unauthorized');
      expect(r.stderr).toContain('method: bearer');
    });

    it('--timeout bounds the connection (exit 124)', async () => {
      const r = await mcpctl('ping', '--cmd', `"${NODE}" "${RAW_STDIO}" hang`, '--timeout', '300');
      expect(r.code).toBe(124);
      expect(r.stderr).toContain('timed out after 300ms');
    });
  });
});
