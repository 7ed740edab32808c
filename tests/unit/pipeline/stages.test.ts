import { describe, expect, it } from 'vitest';
import { stages } from '../../../src/pipeline/stages.js';

describe('stages', () => {
  it('loads the stages’ modules once, however often and from wherever it is asked', async () => {
    const first = stages();
    expect(stages()).toBe(first);
    const loaded = await first;
    for (const name of ['planSite', 'siteDocument', 'readHeads', 'renderBodies', 'renderSite'])
      expect(typeof (loaded as Record<string, unknown>)[name], name).toBe('function');
    expect(typeof loaded.writeSite).toBe('function');
  });
});
