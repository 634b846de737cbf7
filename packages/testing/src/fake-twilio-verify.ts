import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/**
 * A small stateful stand-in for Twilio Verify v2's HTTP API, for tests: the real `twilio` client
 * talks to it over loopback. It keeps what Prism (which only replays the spec's examples)
 * cannot: a code per number, its 10-minute expiry, wrong tries (5 checks, then 60202), resends
 * (5 sends, then 60203), single use (an approved verification is gone: 20404). It can be told
 * to fail the next call with any Twilio error, and records every request it received.
 */

export interface FakeTwilioVerifyOptions {
  accountSid: string;
  authToken: string;
  serviceSid: string;
  /** The test's clock, for expiry. */
  now?: () => Date;
}

export interface ReceivedRequest {
  endpoint: 'send' | 'check' | 'other';
  path: string;
  form: Record<string, string>;
  status: number;
}

export interface TwilioFailure {
  code: number;
  status: number;
  message?: string;
}

interface Verification {
  sid: string;
  to: string;
  channel: string;
  code: string;
  expiresAt: number;
  sends: number;
  wrongChecks: number;
  createdAt: Date;
}

const TTL_MS = 10 * 60 * 1000;
const MAX_SENDS = 5;
const MAX_CHECKS = 5;

export class FakeTwilioVerify {
  /** Every request, in order (also the failed ones). */
  readonly requests: ReceivedRequest[] = [];
  /** The last code "texted" to each number: what the person reads on their phone. */
  readonly sentCodes = new Map<string, string>();
  private readonly pending = new Map<string, Verification>();
  private readonly failures: Record<'send' | 'check', TwilioFailure[]> = { send: [], check: [] };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeTwilioVerifyOptions,
  ) {}

  static async start(options: FakeTwilioVerifyOptions): Promise<FakeTwilioVerify> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeTwilioVerify(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  /** The next call to that endpoint answers with this Twilio error instead. */
  failNext(endpoint: 'send' | 'check', failure: TwilioFailure): void {
    this.failures[endpoint].push(failure);
  }

  requestsTo(endpoint: 'send' | 'check'): ReceivedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const match = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(path);
    const endpoint = match?.[2] === 'Verifications' ? 'send' : match?.[2] === 'VerificationCheck' ? 'check' : 'other';
    const reply = (status: number, body: unknown) => {
      this.requests.push({ endpoint, path, form, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (failure: TwilioFailure) =>
      reply(failure.status, { code: failure.code, message: failure.message ?? `Twilio error ${failure.code}`, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status });

    const expectedAuth = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expectedAuth) return error({ code: 20003, status: 401, message: 'Authenticate' });
    if (req.method !== 'POST' || endpoint === 'other' || match?.[1] !== this.options.serviceSid) {
      return error({ code: 20404, status: 404, message: 'The requested resource was not found' });
    }
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return error({ code: 20001, status: 400, message: 'Expected a form body' });
    const injected = this.failures[endpoint].shift();
    if (injected) return error(injected);
    return endpoint === 'send' ? this.send(form, reply, error) : this.check(form, reply, error);
  }

  private send(form: Record<string, string>, reply: (status: number, body: unknown) => void, error: (f: TwilioFailure) => void) {
    const { To: to, Channel: channel } = form;
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return error({ code: 60200, status: 400, message: 'Invalid parameter `To`' });
    if (channel !== 'sms' && channel !== 'call' && channel !== 'whatsapp') return error({ code: 60200, status: 400, message: 'Invalid parameter `Channel`' });
    const now = this.now();
    let verification = this.live(to);
    if (verification) {
      // Twilio resends the same code for a pending verification, up to 5 sends.
      if (verification.sends >= MAX_SENDS) return error({ code: 60203, status: 429, message: 'Max send attempts reached' });
      verification.sends += 1;
    } else {
      verification = { sid: `VE${randomBytes(16).toString('hex')}`, to, channel, code: String(randomInt(0, 1_000_000)).padStart(6, '0'), expiresAt: now.getTime() + TTL_MS, sends: 1, wrongChecks: 0, createdAt: now };
      this.pending.set(to, verification);
    }
    this.sentCodes.set(to, verification.code);
    reply(201, this.resource(verification, 'pending'));
  }

  private check(form: Record<string, string>, reply: (status: number, body: unknown) => void, error: (f: TwilioFailure) => void) {
    const { To: to, Code: code } = form;
    if (!to || !code) return error({ code: 60200, status: 400, message: 'Invalid parameter' });
    const verification = this.live(to);
    if (!verification) return error({ code: 20404, status: 404, message: 'The requested resource was not found' });
    if (verification.wrongChecks >= MAX_CHECKS) return error({ code: 60202, status: 429, message: 'Max check attempts reached' });
    if (verification.code !== code) {
      verification.wrongChecks += 1;
      return reply(200, this.resource(verification, 'pending'));
    }
    this.pending.delete(to);
    reply(200, this.resource(verification, 'approved'));
  }

  /** The number's verification if it is still pending and unexpired. */
  private live(to: string): Verification | undefined {
    const verification = this.pending.get(to);
    if (verification && verification.expiresAt <= this.now().getTime()) {
      this.pending.delete(to);
      return undefined;
    }
    return verification;
  }

  private resource(v: Verification, status: 'pending' | 'approved') {
    const date = v.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      sid: v.sid,
      service_sid: this.options.serviceSid,
      account_sid: this.options.accountSid,
      to: v.to,
      channel: v.channel,
      status,
      valid: status === 'approved',
      date_created: date,
      date_updated: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lookup: {},
      amount: null,
      payee: null,
      send_code_attempts: [],
      sna: null,
      url: `https://verify.twilio.com/v2/Services/${this.options.serviceSid}/Verifications/${v.sid}`,
    };
  }
}

/**
 * The real twilio client's HTTP client, sending what it meant for https://verify.twilio.com to
 * a loopback server instead (the fake above, or Prism serving Twilio's spec).
 */
export class LoopbackRequestClient extends twilio.RequestClient {
  /** The HTTP status of every answer, in order. */
  readonly statuses: number[] = [];

  constructor(private readonly target: string) {
    super();
  }

  override async request<TData>(opts: RequestOptions<TData>) {
    const response = await super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/verify\.twilio\.com/, this.target) });
    this.statuses.push(response.statusCode);
    return response;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
