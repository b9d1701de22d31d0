// npm-pick-manifest ships no types; this is the part the installer calls.
declare module 'npm-pick-manifest' {
  namespace pickManifest {
    interface Packument {
      name: string;
      'dist-tags'?: Record<string, string>;
      versions: Record<string, Record<string, unknown> & { version: string }>;
    }
    interface Options {
      defaultTag?: string;
      nodeVersion?: string;
      before?: string | Date | null;
    }
  }
  /** The version npm would install for `wanted` (a range, a version or a dist-tag); throws code ETARGET when none fits. */
  function pickManifest(packument: pickManifest.Packument, wanted: string, options?: pickManifest.Options): Record<string, unknown> & { name: string; version: string };
  export = pickManifest;
}
