import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { THUMB_MAX_SIDE } from '@confab/api/media/limits';
import type { MediaProbe, ProbedMedia } from '@confab/api/ports/media-probe';
import type { MediaKind } from '@confab/db';
import type { Logger } from 'pino';
import sharp from 'sharp';

const run = promisify(execFile);
const PROBE_TIMEOUT_MS = 15_000;
const POSTER_MAX_BYTES = 8 * 1024 * 1024;
const POSTER_MAX_WIDTH = 640;

interface FfprobeOutput {
  format?: { duration?: string };
  streams?: { codec_type?: string; width?: number; height?: number; duration?: string; side_data_list?: { rotation?: number }[]; tags?: { rotate?: string } }[];
}

async function installed(binary: string): Promise<boolean> {
  return run(binary, ['-version'], { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
}

/**
 * Debian's ffprobe/ffmpeg as the media probe: duration of videos and audio, video size and a
 * poster frame. Without ffprobe there is no probe (videos and audio carry no duration or
 * poster); without ffmpeg there is no poster. Either is said once, at start-up.
 */
export async function createFfprobeMediaProbe(log: Logger): Promise<MediaProbe | undefined> {
  if (!(await installed('ffprobe'))) {
    log.warn('ffprobe not found: videos and audio are sent without duration or poster frame (install ffmpeg to enable)');
    return undefined;
  }
  const posters = await installed('ffmpeg');
  if (!posters) log.warn('ffmpeg not found: videos are sent without a poster frame (install ffmpeg to enable)');
  return { probe: (path, kind) => probe(path, kind, posters, log) };
}

async function probe(path: string, kind: MediaKind, posters: boolean, log: Logger): Promise<ProbedMedia> {
  const empty: ProbedMedia = { durationMs: null, width: null, height: null, poster: null };
  if (kind !== 'video' && kind !== 'audio') return empty;
  let info: FfprobeOutput;
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', path], {
      timeout: PROBE_TIMEOUT_MS,
      maxBuffer: 4 * 1024 * 1024,
    });
    info = JSON.parse(stdout) as FfprobeOutput;
  } catch (error) {
    log.warn({ err: error, kind }, 'ffprobe could not read an upload');
    return empty;
  }
  const video = info.streams?.find((s) => s.codec_type === 'video');
  const seconds = Number(info.format?.duration ?? video?.duration ?? info.streams?.[0]?.duration);
  const durationMs = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
  if (kind === 'audio' || !video) return { ...empty, durationMs };

  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height, video.width] : [video.width, video.height];
  const poster = posters ? await posterFrame(path, durationMs, log) : null;
  return { durationMs, width: width ?? null, height: height ?? null, poster };
}

/** One frame a little way in (the very first is often black), as a WebP thumbnail like an image's. */
async function posterFrame(path: string, durationMs: number | null, log: Logger): Promise<ProbedMedia['poster']> {
  const at = durationMs === null ? 0 : Math.min(1, durationMs / 2000);
  try {
    const { stdout } = await run(
      'ffmpeg',
      ['-v', 'error', '-nostdin', '-ss', at.toFixed(3), '-i', path, '-frames:v', '1', '-vf', `scale='min(${POSTER_MAX_WIDTH},iw)':-2`, '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
      { timeout: PROBE_TIMEOUT_MS, maxBuffer: POSTER_MAX_BYTES, encoding: 'buffer' },
    );
    if (stdout.length === 0) return null;
    const bytes = await sharp(stdout).resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { bytes, mime: 'image/webp' };
  } catch (error) {
    log.warn({ err: error }, 'ffmpeg could not take a poster frame');
    return null;
  }
}
