import { escapeToken, parsePointer, toPointer, type SourcePosition } from '@mcpctl/diagnostics';
import type { RawConfigFile } from './types.js';

/**
 * Where, in the file, the value at a pointer of the *resolved* config was
 * written. A value may come from the applied profile (`/profiles/<name>/…`,
 * which wins) or from the base; a value that is not in the file at all (a
 * default, a deleted key) is placed at its nearest written ancestor.
 */
export function locatePointer(file: RawConfigFile | undefined, pointer: string, profile?: string): SourcePosition | undefined {
  if (!file) return undefined;
  const segments = parsePointer(pointer);
  const profileRoot = profile === undefined ? undefined : `/profiles/${escapeToken(profile)}`;
  for (let depth = segments.length; depth >= 0; depth--) {
    const prefix = toPointer(segments.slice(0, depth));
    // The profile root itself only says "somewhere in this profile": prefer the base's ancestors then.
    if (profileRoot !== undefined && depth > 0) {
      const fromProfile = file.positions(profileRoot + prefix);
      if (fromProfile) return fromProfile;
    }
    const fromBase = file.positions(prefix);
    if (fromBase) return fromBase;
  }
  return undefined;
}
