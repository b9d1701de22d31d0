// npm-install-checks ships no types; this is the part the installer calls.
declare module 'npm-install-checks' {
  /** Throws code EBADPLATFORM when the package's `os`, `cpu` or `libc` exclude this machine. */
  export function checkPlatform(target: { os?: string[]; cpu?: string[]; libc?: string[]; _id?: string }, force?: boolean): void;
}
