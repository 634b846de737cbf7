import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasFfmpeg } from '@confab/testing/media/media-files';
import { createLogger } from '../logger.js';
import { createFfprobeMediaProbe } from './ffprobe.js';


describe('the ffprobe media probe', () => {
  const savedPath = process.env.PATH;
  const dirs: string[] = [];
  afterEach(() => {
    process.env.PATH = savedPath;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const logInto = (lines: string[]) => createLogger('info', { write: (line: string) => void lines.push(line) });

  it('is absent where ffprobe is not installed, saying so in one log line', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-ffprobe-'));
    dirs.push(empty);
    process.env.PATH = empty;
    const lines: string[] = [];
    expect(await createFfprobeMediaProbe(logInto(lines))).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, msg: expect.stringMatching(/^ffprobe not found: videos and audio are sent without duration or poster frame/) });
  });

  it.skipIf(!hasFfmpeg)('reads a video’s duration and size and takes a WebP poster frame; reads audio’s duration', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'probe-'));
    dirs.push(dir);
    const video = path.join(dir, 'clip.mp4');
    const audio = path.join(dir, 'note.ogg');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=320x240:rate=10', '-c:v', 'mpeg4', '-y', video]);
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'libopus', '-y', audio]);
    const lines: string[] = [];
    const probe = (await createFfprobeMediaProbe(logInto(lines)))!;
    expect(lines).toEqual([]);

    const v = await probe.probe(video, 'video');
    expect(v).toMatchObject({ width: 320, height: 240, poster: { mime: 'image/webp' } });
    expect(Math.abs(v.durationMs! - 3000)).toBeLessThan(150);
    expect(v.poster!.bytes.subarray(8, 12).toString('ascii')).toBe('WEBP');

    const a = await probe.probe(audio, 'audio');
    expect(a).toMatchObject({ width: null, height: null, poster: null });
    expect(Math.abs(a.durationMs! - 2000)).toBeLessThan(150);

    // A file that is not media gives nothing, and a warning rather than an error.
    const junk = path.join(dir, 'junk.mp4');
    writeFileSync(junk, 'not a video');
    expect(await probe.probe(junk, 'video')).toEqual({ durationMs: null, width: null, height: null, poster: null });
  });
});
