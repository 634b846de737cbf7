import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Whether Debian's ffmpeg is here to make test videos and audio (and the server to probe them). */
export const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function render(args: string[], extension: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'confab-media-'));
  const file = path.join(dir, `out.${extension}`);
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-nostdin', ...args, '-y', file], { stdio: 'ignore' });
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A 2-second 160×120 MP4 test pattern. */
export const mp4Video = () => render(['-f', 'lavfi', '-i', 'testsrc=duration=2:size=160x120:rate=10', '-c:v', 'mpeg4', '-pix_fmt', 'yuv420p'], 'mp4');

/** A 320×240 WebM (VP8) test pattern that every Chromium plays: `seconds` long, at 10 frames a second. */
export const webmVideo = (seconds = 6) => render(['-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=320x240:rate=10`, '-c:v', 'libvpx', '-b:v', '200k'], 'webm');

/** A 1.5-second Opus voice note in Ogg. */
export const oggVoice = () => render(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1.5', '-c:a', 'libopus'], 'ogg');
