import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../src/suggest.js';

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('roots', 'roots')).toBe(0);
    expect(editDistance('rots', 'roots')).toBe(1);
    expect(editDistance('hedaer', 'header')).toBe(1);
    expect(editDistance('comand', 'command')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only plausible typos, ignoring case', () => {
    expect(didYouMean('rots', ['roots', 'readOnly'])).toBe('roots');
    expect(didYouMean('sever', ['servers', 'plugins'])).toBe('servers');
    expect(didYouMean('READONLY', ['readOnly', 'roots'])).toBe('readOnly');
    expect(didYouMean('nope', ['pipe', 'memo'])).toBeUndefined();
    expect(didYouMean('xyz', ['servers'])).toBeUndefined();
    expect(didYouMean('roots', ['roots'])).toBeUndefined();
  });
});
