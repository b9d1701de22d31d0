import { createServer, type Server } from 'node:http';
import { checkRequest, close, hostPolicy, isLoopback, listen, type HostPolicy } from '@mcpctl/toolkit/http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SupervisorObserver } from './supervisor/observer.js';

export interface MetricsEndpoint {
  observer: SupervisorObserver;
  /** Where it listens, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  close(): Promise<void>;
}

/**
 * Prometheus metrics over HTTP (prom-client): per server up, restarts,
 * calls, errors and call latency. Loaded only when `metrics` is configured.
 * Binds 127.0.0.1 unless told otherwise; on a loopback address it answers
 * only requests whose Host (and Origin) name it, so a web page cannot read
 * it through DNS rebinding.
 */
export async function startMetrics(options: { host?: string; port: number; path?: string }, states: () => Array<{ name: string; state: string }>): Promise<MetricsEndpoint> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mcpctl_daemon_' });
  new Gauge({
    name: 'mcpctl_server_up',
    help: '1 when the supervised server is running and initialized, else 0',
    labelNames: ['server'],
    registers: [registry],
    collect() {
      this.reset();
      for (const unit of states()) this.set({ server: unit.name }, unit.state === 'running' ? 1 : 0);
    },
  });
  const restarts = new Counter({ name: 'mcpctl_server_restarts_total', help: 'Restarts after a crash or failed health check', labelNames: ['server'], registers: [registry] });
  const calls = new Counter({ name: 'mcpctl_server_calls_total', help: 'Requests forwarded to the server', labelNames: ['server', 'method'], registers: [registry] });
  const failures = new Counter({ name: 'mcpctl_server_call_errors_total', help: 'Forwarded requests that failed', labelNames: ['server', 'method'], registers: [registry] });
  const latency = new Histogram({
    name: 'mcpctl_server_call_duration_seconds',
    help: 'Latency of forwarded requests',
    labelNames: ['server', 'method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const path = options.path ?? '/metrics';
  let policy: HostPolicy | undefined;
  const server: Server = createServer((request, response) => {
    if (policy && checkRequest(policy, { host: request.headers.host, origin: request.headers.origin })) {
      response.writeHead(403).end();
      return;
    }
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== path) {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port, host);
  if (isLoopback(host)) policy = hostPolicy(host, address.port, [], []);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${path}`,
    observer: {
      onCall(serverName, method, seconds, ok) {
        calls.inc({ server: serverName, method });
        if (!ok) failures.inc({ server: serverName, method });
        latency.observe({ server: serverName, method }, seconds);
      },
      onRestart(serverName) {
        restarts.inc({ server: serverName });
      },
    },
    close: () => close(server),
  };
}
