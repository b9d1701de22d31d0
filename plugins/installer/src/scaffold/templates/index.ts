import type { KindTemplate, PluginKind } from '../kinds.js';
import { clientAuthTemplate } from './client-auth.js';
import { commandTemplate } from './command.js';
import { serverTemplate } from './server.js';
import { transportTemplate } from './transport.js';
import { verifierTemplate } from './verifier.js';

/** One template per kind `mcpctl plugins create --kind` offers. */
export const TEMPLATES: Readonly<Record<PluginKind, KindTemplate>> = {
  server: serverTemplate,
  command: commandTemplate,
  transport: transportTemplate,
  auth: clientAuthTemplate,
  verifier: verifierTemplate,
};
