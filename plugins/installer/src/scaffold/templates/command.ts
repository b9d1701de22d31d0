import type { KindTemplate } from '../kinds.js';

/** A command: `mcpctl <short> [name] --shout`, its greeting word from pluginConfig. */
export const commandTemplate: KindTemplate = {
  description: 'command',
  provides: (short) => ({ commands: [{ path: [short], summary: 'Greet someone', category: 'Plugins' }] }),
  schemaDefs: () => ({ settings: { type: 'object', properties: { greeting: { type: 'string', default: 'hello', description: 'The greeting word' } }, additionalProperties: false } }),
  usage: (short) => `mcpctl ${short} Ada --shout`,
  sources({ name, short }) {
    return {
      'src/index.ts': `import { defineCommand, definePlugin } from '@mcpctl/kernel';

/** pluginConfig["${name}"], validated against schema.json#/$defs/settings. */
interface Settings {
  greeting: string;
}

export default definePlugin<Settings>({
  name: '${name}',
  setup(ctx) {
    // Keep setup light: it runs whenever mcpctl loads this plugin. Import heavy code inside run().
    const command = defineCommand({
      path: ['${short}'],
      summary: 'Greet someone',
      description: 'Prints a greeting; the word comes from pluginConfig["${name}"].greeting.',
      examples: [['Greet Ada loudly', 'mcpctl ${short} Ada --shout']],
      options: { shout: { type: 'boolean', description: 'Upper-case it' } },
      positionals: [{ name: 'name', required: false, description: 'Who to greet' }],
      async run({ io, options, positionals }) {
        const text = \`\${ctx.config.greeting ?? 'hello'} \${positionals.name ?? 'world'}\`;
        if (io.json) io.printJson({ text });
        else io.print(options.shout ? text.toUpperCase() : text);
        return 0;
      },
    });
    ctx.hooks.commands.tap((registry) => registry.register(command));
  },
});
`,
    };
  },
  tests({ name, short }, header) {
    return {
      'test/plugin.test.ts': `${header}
describe('mcpctl ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root], config: { pluginConfig: { '${name}': { greeting: 'hi' } } } });
  });
  afterAll(() => harness.close());

  it('greets with the configured word', async () => {
    const result = await harness.run(['${short}', 'Ada', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.json()).toEqual({ text: 'hi Ada' });
  });

  it('shouts', async () => {
    const result = await harness.run(['${short}', 'Ada', '--shout']);
    expect(result.stdout.trim()).toBe('HI ADA');
  });

  it('is listed by mcpctl --help', async () => {
    const result = await harness.run(['--help']);
    expect(result.stdout).toContain('${short}');
  });
});
`,
    };
  },
};
