import { describe, expect, it } from 'vitest';
import { parsePostDate } from '../../../src/validate/dates.js';

const iso = (value: string, zone = 'America/Toronto') => {
  const r = parsePostDate(value, zone);
  return r.ok ? r.date.toISOString() : r.problem;
};

describe('parsePostDate', () => {
  it('reads a date without a time as midnight in the site zone', () => {
    expect(iso('2026-01-15')).toBe('2026-01-15T05:00:00.000Z');
    expect(iso('2026-07-15')).toBe('2026-07-15T04:00:00.000Z');
  });
  it('reads a zone-less date-time in the site zone', () => {
    expect(iso('2026-11-24 23:30')).toBe('2026-11-25T04:30:00.000Z');
    expect(iso('2026-11-24T23:30:15.250')).toBe('2026-11-25T04:30:15.250Z');
  });
  it('honours an explicit offset or Z whatever the site zone', () => {
    expect(iso('2026-11-24T23:30:00+05:30')).toBe('2026-11-24T18:00:00.000Z');
    expect(iso('2026-11-24T23:30:00Z', 'Asia/Tokyo')).toBe('2026-11-24T23:30:00.000Z');
    expect(iso('2026-11-24 23:30 -0800')).toBe('2026-11-25T07:30:00.000Z');
  });
  it('moves a time in the spring-forward gap forward, as clocks do', () => {
    expect(iso('2026-03-08 02:30')).toBe('2026-03-08T07:30:00.000Z');
  });
  it('refuses impossible dates instead of rolling them over', () => {
    expect(iso('2026-02-30')).toBe('"2026-02-30" is not a real date (no day 30 in that month)');
    expect(iso('2026-13-45')).toBe('"2026-13-45" has no month 13');
    expect(iso('2026-02-29')).toMatch(/not a real date/);
    expect(iso('2028-02-29')).toBe('2028-02-29T05:00:00.000Z');
    expect(iso('2026-01-01 24:00')).toMatch(/impossible time/);
  });
  it('refuses text that is not a date', () => {
    expect(iso('yesterday')).toBe('"yesterday" is not a date');
    expect(iso('2026/01/01')).toBe('"2026/01/01" is not a date');
  });
});
