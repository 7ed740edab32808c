import { describe, expect, it } from 'vitest';
import { HeldSetting, startedWith } from '../../../src/pipeline/held-setting.js';

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

describe('startedWith', () => {
  it('finds a V8 flag node was started with, on or off, valued, in either word separator', () => {
    for (const arg of [
      '--turbo-inlining',
      '--no-turbo-inlining',
      '--turbo_inlining',
      '--no-turbo_inlining',
      '--turbo-inlining=false',
    ]) {
      expect(startedWith('turbo-inlining', ['--inspect', arg])).toBe(true);
    }
    expect(startedWith('heap-growing-percent', ['--heap_growing_percent=5'])).toBe(true);
  });

  it('is not fooled by flags that only start or end alike', () => {
    expect(startedWith('turbo-inlining', ['--turbo-inlining-js-wasm-wrappers'])).toBe(false);
    expect(startedWith('turbo-inlining', ['--trace-turbo-inlining'])).toBe(false);
    expect(startedWith('heap-growing-percent', [])).toBe(false);
  });
});
