import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The compiled module (the global setup compiles `lib/`), run in a child that may be killed.
const MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../../../lib/write/kill-point.js'));

/** Passes these points in order, writing each name after passing it. */
const SCRIPT = `
import { writeSync } from 'node:fs';
import { killPoint } from ${JSON.stringify(MODULE.href)};
for (const name of ['staged', 'moved', 'moved', 'removed', 'moved', 'moved']) {
  killPoint(name);
  writeSync(1, name + '\\n');
}
`;

function run(killAt?: string) {
  const env = { ...process.env };
  delete env.FEEDWRIGHT_TEST_KILL_AT;
  if (killAt !== undefined) env.FEEDWRIGHT_TEST_KILL_AT = killAt;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    encoding: 'utf8',
    env,
  });
  return {
    status: child.status,
    signal: child.signal,
    passed: child.stdout.split('\n').filter(Boolean),
    stderr: child.stderr,
  };
}

const ALL = ['staged', 'moved', 'moved', 'removed', 'moved', 'moved'];

describe('killPoint', () => {
  it('does nothing when no test asks for a kill', () => {
    expect(run()).toEqual({ status: 0, signal: null, passed: ALL, stderr: '' });
    expect(run('')).toEqual({ status: 0, signal: null, passed: ALL, stderr: '' });
  });

  it('kills the process outright at the first passage of the point named', () => {
    expect(run('moved')).toMatchObject({ status: null, signal: 'SIGKILL', passed: ['staged'] });
    expect(run('staged')).toMatchObject({ signal: 'SIGKILL', passed: [] });
  });

  it('with name:n kills at the n-th passage, counting that point only', () => {
    expect(run('moved:3')).toMatchObject({
      signal: 'SIGKILL',
      passed: ['staged', 'moved', 'moved', 'removed'],
    });
    expect(run('moved:1')).toMatchObject({ signal: 'SIGKILL', passed: ['staged'] });
  });

  it('never kills at another point, or past the last passage', () => {
    expect(run('journal')).toEqual({ status: 0, signal: null, passed: ALL, stderr: '' });
    expect(run('removed:2')).toEqual({ status: 0, signal: null, passed: ALL, stderr: '' });
  });
});
