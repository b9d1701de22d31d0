import type { KindTemplate, ScaffoldInput } from './kinds.js';
import { TOOL_VERSIONS } from './kinds.js';

/** package.json, schema.json, tsconfig.json, .gitignore and README.md. */
export function packageFiles(input: ScaffoldInput, template: KindTemplate): Record<string, string> {
  const { name, short } = input;
  const shared: Record<string, string> = { '@mcpctl/kernel': `file:${input.kernelDir}` };
  if (template.usesToolkit && input.toolkitDir) shared['@mcpctl/toolkit'] = `file:${input.toolkitDir}`;
  const pkg = {
    name,
    version: '0.1.0',
    description: `An mcpctl ${template.description} plugin`,
    type: 'module',
    license: 'MIT',
    keywords: ['mcpctl-plugin'],
    engines: { node: '>=22.13' },
    main: './dist/index.js',
    files: ['dist', 'schema.json', 'README.md'],
    scripts: { build: 'tsc -p tsconfig.json', pretest: 'npm run build', test: 'vitest run', prepack: 'npm run build' },
    mcpctl: { apiVersion: '^1.0.0', entry: './dist/index.js', configSchema: './schema.json', provides: template.provides(short) },
    // Provided by the mcpctl that loads the plugin (never installed a second time); the
    // devDependencies point at this mcpctl's copies by path until mcpctl is published.
    peerDependencies: Object.fromEntries(Object.keys(shared).map((dep) => [dep, `^${input.kernelVersion}`])),
    devDependencies: { ...shared, '@mcpctl/testing': `file:${input.testingDir}`, ...TOOL_VERSIONS },
  };
  const defs = template.schemaDefs(input);
  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `https://mcpctl.dev/schemas/community/${name.replace('@', '').replace('/', '-')}.json`, $defs: defs };
  const tsconfig = {
    compilerOptions: {
      target: 'es2023', lib: ['es2023'], module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], strict: true,
      declaration: true, sourceMap: true, skipLibCheck: true, rootDir: 'src', outDir: 'dist', verbatimModuleSyntax: true,
    },
    include: ['src'],
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'schema.json': `${JSON.stringify(schema, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    '.gitignore': 'node_modules/\ndist/\n*.tgz\n',
    'vitest.config.ts': `import { mcpctlTestAliases } from '@mcpctl/testing/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Lets the harness run mcpctl commands in-process (see @mcpctl/testing).
  resolve: { alias: mcpctlTestAliases() },
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
`,
    'README.md': readme(input, template),
  };
}

function readme(input: ScaffoldInput, template: KindTemplate): string {
  const { name, short, kind } = input;
  const toolkit = template.usesToolkit && input.toolkitDir;
  return `# ${name}

An mcpctl plugin (${kind}). Created by \`mcpctl plugins create\`.

## Develop

\`\`\`sh
npm install
npm test                       # builds, then runs test/ with @mcpctl/testing
mcpctl plugins link .          # use this working copy in mcpctl at once
\`\`\`

\`\`\`sh
${template.usage(short)}
\`\`\`

After editing \`src/\`, \`npm run build\`: the linked copy loads \`dist/\`.

## The kernel dependency

\`@mcpctl/kernel\`${toolkit ? ', `@mcpctl/toolkit`' : ''} and \`@mcpctl/testing\` point at the mcpctl that created this
package, by path (\`file:…\` in devDependencies), because mcpctl's packages are not on the
registry yet. At run time the plugin always uses the kernel of the mcpctl that loads it
(the peer dependency): it is never installed a second time. Once mcpctl is published,
switch to registry ranges:

\`\`\`sh
npm install -D @mcpctl/kernel@^${input.kernelVersion} @mcpctl/testing@^${input.kernelVersion}${toolkit ? ` @mcpctl/toolkit@^${input.kernelVersion}` : ''}
\`\`\`

## Publish

Keep the \`mcpctl-plugin\` keyword (\`mcpctl plugins search\` finds packages by it) and
\`mcpctl.apiVersion\` (the plugin API range you tested against; mcpctl refuses to install
a version whose range does not include its own). \`npm publish\` builds first (\`prepack\`).
Users install it with \`mcpctl plugins install ${name}\`.
`;
}
