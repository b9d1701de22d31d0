/**
 * @mcpctl/toolkit/http — serving HTTP on a local port: DNS-rebinding
 * protection (the Host/Origin guard), JSON bodies with a size limit, and
 * listening. Node built-ins only.
 */
export { BodyError, readJsonBody } from './body.js';
export { checkRequest, hostPolicy, isLoopback, type HostPolicy } from './host-guard.js';
export { close, listen, originOf } from './listen.js';
