import { describe, expect, it } from 'vitest';
import { HeldSetting } from '../../../src/pipeline/held-setting.js';

describe('HeldSetting', () => {
  it('is set once for holders that overlap, and set back when the last gives it back', () => {
    const set: string[] = [];
    const record = (flags: string) => set.push(flags);
    const setting = new HeldSetting('--on', '--off');
    expect(setting.held).toBe(false);
    const first = setting.hold(record);
    const second = setting.hold(record);
    expect(set).toEqual(['--on']);
    first();
    first(); // given back twice counts once
    expect(set).toEqual(['--on']);
    expect(setting.held).toBe(true);
    second();
    expect(set).toEqual(['--on', '--off']);
    expect(setting.held).toBe(false);
    setting.hold(record)();
    expect(set).toEqual(['--on', '--off', '--on', '--off']);
  });

  it('keeps each setting its own count', () => {
    const set: string[] = [];
    const a = new HeldSetting('--a', '--no-a');
    const b = new HeldSetting('--b', '--no-b');
    const giveA = a.hold((f) => set.push(f));
    b.hold((f) => set.push(f))();
    expect(a.held).toBe(true);
    giveA();
    expect(set).toEqual(['--a', '--b', '--no-b', '--no-a']);
  });
});
