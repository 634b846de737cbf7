import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * A loopback stand-in for Twilio's Programmable Messaging API (`POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json`), checked as Twilio checks it: Basic auth
 * with the account's SID and token, a form body, `To` in E.164, a `Body`, and a
 * `MessagingServiceSid` (MG…) or `From`. Answers 201 with a message resource like Twilio's;
 * records what it was sent; can be told to fail the next call with a Twilio error.
 */
export interface FakeTwilioMessagingOptions {
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
}

export interface ReceivedText {
  path: string;
  form: Record<string, string>;
  status: number;
}

export class FakeTwilioMessaging {
  readonly requests: ReceivedText[] = [];
  private readonly failures: { code: number; status: number; message?: string }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeTwilioMessagingOptions,
  ) {}

  static async start(options: FakeTwilioMessagingOptions): Promise<FakeTwilioMessaging> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeTwilioMessaging(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  /** Texts accepted (201), in order. */
  get sent(): { to: string; body: string }[] {
    return this.requests.filter((r) => r.status === 201).map((r) => ({ to: r.form.To!, body: r.form.Body! }));
  }

  failNext(failure: { code: number; status: number; message?: string }): void {
    this.failures.push(failure);
  }

  /** The real `twilio` client's HTTP client, pointed at this fake instead of api.twilio.com. */
  httpClient(): RequestClient {
    return new LoopbackApiClient(this.url);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const reply = (status: number, body: unknown) => {
      this.requests.push({ path, form, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (f: { code: number; status: number; message?: string }) =>
      reply(f.status, { code: f.code, message: f.message ?? `Twilio error ${f.code}`, more_info: `https://www.twilio.com/docs/errors/${f.code}`, status: f.status });

    const expectedAuth = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expectedAuth) return error({ code: 20003, status: 401, message: 'Authenticate' });
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${this.options.accountSid}/Messages.json`) return error({ code: 20404, status: 404, message: 'The requested resource was not found' });
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return error({ code: 20001, status: 400, message: 'Expected a form body' });
    const injected = this.failures.shift();
    if (injected) return error(injected);
    const { To: to, Body: body, MessagingServiceSid: service, From: from } = form;
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return error({ code: 21211, status: 400, message: "The 'To' number is not a valid phone number." });
    if (!service && !from) return error({ code: 21603, status: 400, message: "A 'From' or 'MessagingServiceSid' parameter is required" });
    if (service && service !== this.options.messagingServiceSid) return error({ code: 21701, status: 400, message: 'The Messaging Service Sid is invalid' });
    if (!body) return error({ code: 21602, status: 400, message: 'Message body is required' });
    const now = new Date().toUTCString();
    reply(201, {
      sid: `SM${randomBytes(16).toString('hex')}`, account_sid: this.options.accountSid, messaging_service_sid: service ?? null, to, from: null, body,
      status: 'accepted', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', date_created: now, date_updated: now, date_sent: null,
      price: null, price_unit: null, error_code: null, error_message: null, uri: `${path.replace(/\.json$/, '')}/x.json`, subresource_uris: {},
    });
  }
}

class LoopbackApiClient extends twilio.RequestClient {
  constructor(private readonly target: string) {
    super();
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.target) });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
