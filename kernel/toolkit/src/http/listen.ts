import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listen on `host:port` (0: any free port); resolves to the bound address, rejects with the listen error (EADDRINUSE…). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** `http://host:port` for a bound address (IPv6 in brackets). */
export function originOf(address: { address: string; port: number; family?: string }): string {
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Close the server; resolves once every connection has ended. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
