import { describe, expect, it } from 'vitest';
import { frontMatterDate } from '../../../src/continuity/front-matter-date.js';
import { parsePostDate } from '../../../src/validate/dates.js';

describe('frontMatterDate', () => {
  it('writes a time with the offset the site zone has then', () => {
    expect(frontMatterDate('2026-11-18T15:00:00.000Z', 'America/Toronto')).toBe(
      '2026-11-18T10:00:00-05:00',
    );
    expect(frontMatterDate('2026-07-01T15:30:15.000Z', 'America/Toronto')).toBe(
      '2026-07-01T11:30:15-04:00',
    );
    expect(frontMatterDate('2026-07-01T15:30:00.250Z', 'Asia/Kolkata')).toBe(
      '2026-07-01T21:00:00.250+05:30',
    );
    expect(frontMatterDate('2026-07-01T15:30:00Z', 'UTC')).toBe('2026-07-01T15:30:00Z');
  });

  it('writes a date alone when it is midnight in the site zone', () => {
    expect(frontMatterDate('2026-03-01T05:00:00.000Z', 'America/Toronto')).toBe('2026-03-01');
    expect(frontMatterDate('2026-03-01T00:00:00+00:00', 'UTC')).toBe('2026-03-01');
  });

  it('gives back the same instant when front matter reads it', () => {
    const zones = ['America/Toronto', 'Asia/Kolkata', 'UTC', 'Pacific/Chatham'];
    const instants = [
      '2026-03-08T07:30:00.000Z',
      '2026-11-01T05:59:59.000Z',
      '2026-03-01T05:00:00.000Z',
    ];
    for (const zone of zones) {
      for (const iso of instants) {
        const read = parsePostDate(frontMatterDate(iso, zone), zone);
        expect(read.ok && read.date.toISOString(), `${iso} in ${zone}`).toBe(iso);
      }
    }
  });
});
