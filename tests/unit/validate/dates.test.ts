import { tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { parsePostDate, zoneOffsetMs } from '../../../src/validate/dates.js';

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
  it('takes dates from the year 1000 to the year 9999, in UTC', () => {
    expect(iso('1000-01-01T00:00:00Z')).toBe('1000-01-01T00:00:00.000Z');
    expect(iso('1899-12-31')).toBe('1899-12-31T05:00:00.000Z');
    expect(iso('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59.000Z');
  });
  it('refuses a year before 1000 (a typo, which Date would have read as 19xx)', () => {
    const problem = (value: string) =>
      `"${value}" is outside the years 1000 to 9999 (UTC) feeds can carry`;
    expect(iso('0099-05-01')).toBe(problem('0099-05-01'));
    expect(iso('0000-01-01')).toBe(problem('0000-01-01'));
    expect(iso('0206-05-01 10:00')).toBe(problem('0206-05-01 10:00'));
  });
  it('refuses a date that falls past 9999 once read in UTC', () => {
    expect(iso('9999-12-31 23:00')).toBe(
      '"9999-12-31 23:00" is outside the years 1000 to 9999 (UTC) feeds can carry',
    );
    expect(iso('9999-12-31T23:30:00-01:00')).toMatch(/outside the years 1000 to 9999/);
    expect(iso('9999-12-31 23:00', 'Asia/Tokyo')).toBe('9999-12-31T14:00:00.000Z');
  });
});

describe('zoneOffsetMs', () => {
  it('gives the offset tzOffset gives, in ms, the same instant asked again in any zone', () => {
    const zones = ['America/Toronto', 'Asia/Kolkata', 'Europe/Dublin', 'UTC', 'America/St_Johns'];
    // Either side of clock changes, and each instant asked twice, in zones taking turns.
    const instants = [
      Date.UTC(2026, 2, 8, 6, 59),
      Date.UTC(2026, 2, 8, 7, 0),
      Date.UTC(2026, 10, 1, 5, 59),
      Date.UTC(2026, 10, 1, 6, 0),
      Date.UTC(1883, 10, 18, 12),
    ];
    for (const instant of instants)
      for (const pass of [1, 2])
        for (const zone of zones)
          expect([pass, zone, zoneOffsetMs(zone, instant)]).toEqual([
            pass,
            zone,
            tzOffset(zone, new Date(instant)) * 60_000,
          ]);
    expect(zoneOffsetMs('America/Toronto', Date.UTC(2026, 2, 8, 6, 59))).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs('America/Toronto', Date.UTC(2026, 2, 8, 7, 0))).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2026, 2, 8, 7, 0))).toBe(5.5 * 3_600_000);
  });
});
