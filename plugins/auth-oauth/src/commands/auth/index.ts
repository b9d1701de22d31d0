import { authLogin } from './login.js';
import { authLogout } from './logout.js';
import { authStatus } from './status.js';
import { authToken } from './token.js';

/** `mcpctl auth …` specs: plain data, loaded for routing; each `run` imports its implementation (and with it the MCP SDK) on use. */
export const authCommands = [authLogin, authStatus, authLogout, authToken];
