import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDesktopBuild } from './build.js';

const repo = path.resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** The sentinel @electron/fuses looks for in an Electron binary, then the wire: version, length, fuses. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const ELECTRON_DEFAULT_WIRE = '10110001';
/** How a fuse reads in the wire: the characters '0' and '1'. */
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

/**
 * `npm run desktop:dist` cannot run here (no Electron binary to package), so this packages the
 * real build with the real electron-builder config into an unpacked app around a stand-in
 * binary that carries Electron's fuse wire, then reads back what a user would get: the fuses
 * as flipped in the binary, and the files inside app.asar.
 */
describe('desktop packaging (electron-builder, stand-in Electron binary)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'confab-package-'));
  const app = path.join(work, 'dist/linux-unpacked');

  beforeAll(async () => {
    await ensureDesktopBuild();
    const electronDist = path.join(work, 'electron');
    const binary = path.join(electronDist, 'electron');
    mkdirSync(electronDist, { recursive: true });
    writeFileSync(binary, Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE)]));
    chmodSync(binary, 0o755);
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    await run(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--publish',
        'never',
        '--projectDir',
        'apps/desktop',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
        // Rebuilding better-sqlite3 for Electron needs Electron's headers from the internet.
        '-c.npmRebuild=false',
        `-c.directories.output=${path.join(work, 'dist')}`,
      ],
      { cwd: repo, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 240_000 },
    );
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('flips the fuses: no RunAsNode, no NODE_OPTIONS, no --inspect; cookies encrypted; app only from the asar', async () => {
    const wire = await getCurrentFuseWire(path.join(app, 'confab'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('packs the build output with main as the entry, and only better-sqlite3 as a package', () => {
    const asar = path.join(app, 'resources/app.asar');
    const files = listPackage(asar, { isPack: false });
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString()) as { main: string; type: string };
    expect(manifest.main).toBe('out/main/index.js');
    for (const file of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files).toContain(file);
    const packages = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    expect([...packages].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    // The native addon is unpacked from the asar so the OS can load it.
    expect(existsSync(path.join(app, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('declares installers for Linux, macOS and Windows', () => {
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(path.join(repo, 'apps/desktop/electron-builder.yml'), 'utf8')) as Record<string, any>;
    expect(config.productName).toBe('Confab');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });
});
