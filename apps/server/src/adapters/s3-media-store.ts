import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertDigest, type DirectDownload, type MediaStore, type StagedBlob, type StoredBlob } from '@confab/api';
import { receiveToFile } from './receive-to-file.js';

export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** Unset: AWS itself. MinIO, R2, Ceph: their URL. */
  endpoint: string | null;
  /** The endpoint browsers reach for presigned downloads, when it differs from the server's (e.g. inside compose). */
  publicEndpoint: string | null;
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's default chain (AWS_* variables, shared config, instance or task role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Prepended to every key, so one bucket can hold other things too. */
  prefix: string;
  /** Longest life of a presigned download link; 0: never send browsers to the store, serve every byte through the server. */
  presignSeconds: number;
}

/** Parts of a multipart upload: S3's minimum is 5 MiB; two are in flight at once. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph RGW), keyed
 * `<prefix>blobs/<sha256>`. An upload is received into a local file (hashed on the way, read by
 * sniffing and sharp), streamed to `<prefix>staging/<uuid>` as a multipart upload, and on commit
 * copied inside the store to its digest's key — a quick server-side copy, so the digest's lock
 * is held for moments, not for the upload. Objects left in staging/ by a crash are removed by a
 * lifecycle rule on that prefix (README).
 */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;
  private readonly presigner: S3Client;

  constructor(
    private readonly config: S3StoreConfig,
    /** Local folder for received uploads and borrowed copies. */
    private readonly tmpDir: string,
  ) {
    const base: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.credentials ? { credentials: config.credentials } : {}),
      // The newer default checksums (CRC32 trailers) are not understood by every S3-compatible store.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    this.client = new S3Client({ ...base, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
    const publicEndpoint = config.publicEndpoint ?? config.endpoint;
    this.presigner = new S3Client({ ...base, ...(publicEndpoint ? { endpoint: publicEndpoint } : {}) });
  }

  /**
   * Fails with a clear message when media cannot be kept in the bucket with these settings (at
   * start-up): writes, reads and deletes a small object under staging/, the rights uploads need.
   */
  async check(): Promise<void> {
    const key = `${this.config.prefix}staging/start-up-check-${randomUUID()}`;
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: 'ok' }));
      await this.headKey(key);
      await this.deleteKey(key);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const why = `${(error as Error).name}${status ? `, HTTP ${status}` : ''}`;
      throw new Error(`MEDIA_STORE=s3: media cannot be stored in bucket "${this.config.bucket}" (${why}); check S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_FORCE_PATH_STYLE and the credentials`);
    }
  }

  async put(body: Readable, maxBytes: number): Promise<StoredBlob> {
    const staged = await this.stage(body, maxBytes);
    await staged.commit().catch(async (error: unknown) => {
      await staged.abort().catch(() => {});
      throw error;
    });
    return { sha256: staged.sha256, size: staged.size };
  }

  async stage(body: Readable, maxBytes: number): Promise<StagedBlob> {
    const received = await receiveToFile(body, maxBytes, this.tmpDir);
    const stagingKey = `${this.config.prefix}staging/${randomUUID()}`;
    const dropStaged = () => this.deleteKey(stagingKey);
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.config.bucket, Key: stagingKey, Body: createReadStream(received.path) },
        partSize: PART_SIZE,
        queueSize: PARTS_AT_ONCE,
        leavePartsOnError: false,
      }).done();
    } catch (error) {
      await Promise.all([rm(received.path, { force: true }), dropStaged().catch(() => {})]);
      throw error;
    }
    const finalKey = this.keyOf(received.sha256);
    return {
      ...received,
      commit: async () => {
        // The same bytes may be stored already: content addressing makes the copy needless.
        if (!(await this.headKey(finalKey))) {
          await this.client.send(new CopyObjectCommand({ Bucket: this.config.bucket, Key: finalKey, CopySource: encodeURI(`${this.config.bucket}/${stagingKey}`) }));
        }
        await Promise.all([dropStaged(), rm(received.path, { force: true })]);
      },
      // Never the digest's key: after a commit that belongs to a stored row.
      abort: async () => {
        await Promise.all([rm(received.path, { force: true }), dropStaged()]);
      },
    };
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const answer = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    return answer.Body as Readable;
  }

  async size(sha256: string): Promise<number | null> {
    return (await this.headKey(this.keyOf(sha256)))?.size ?? null;
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    await this.deleteKey(this.keyOf(sha256));
  }

  async withLocalFile<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T> {
    await mkdir(this.tmpDir, { recursive: true });
    const file = path.join(this.tmpDir, randomUUID());
    try {
      await pipeline(await this.get(sha256), createWriteStream(file, { mode: 0o600 }));
      return await work(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async directDownloadUrl(sha256: string, download: DirectDownload): Promise<string | null> {
    const expiresIn = Math.min(this.config.presignSeconds, Math.floor((download.notAfter.getTime() - download.now.getTime()) / 1000));
    if (expiresIn < 1) return null;
    const command = new GetObjectCommand({
      Bucket: this.config.bucket,
      Key: this.keyOf(sha256),
      ResponseContentType: download.contentType,
      ResponseContentDisposition: download.contentDisposition,
      ResponseCacheControl: 'private, no-cache',
    });
    return getSignedUrl(this.presigner, command, { expiresIn, signingDate: download.now });
  }

  close(): void {
    this.client.destroy();
    this.presigner.destroy();
  }

  private keyOf(sha256: string): string {
    assertDigest(sha256);
    return `${this.config.prefix}blobs/${sha256}`;
  }

  private async headKey(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }
}
