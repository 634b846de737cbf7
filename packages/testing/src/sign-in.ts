import type { RouterOutputs } from '@confab/api';
import { createTestClient, type TestClient, type TestClientOptions } from './test-client.js';
import type { TestServer } from './test-server.js';

export interface SignedInUser extends TestClient {
  user: RouterOutputs['auth']['verifyCode']['user'];
  phone: string;
  tokens: { accessToken: string; refreshToken: string };
}

let counter = 0;
/** A fresh valid US number (555-01xx range numbers are reserved for fiction). */
export function newPhone(): string {
  counter += 1;
  const n = (process.pid * 7 + counter) % 10_000;
  return `+1201555${String(n).padStart(4, '0')}`;
}

/** Signs a number in through the public API with the console code, as a person would. */
export async function signIn(server: TestServer, phone = newPhone(), deviceName = 'test device', options: TestClientOptions = {}): Promise<SignedInUser> {
  const anonymous = createTestClient(server.url);
  try {
    await anonymous.trpc.auth.requestCode.mutate({ phone });
    const code = server.codes.get(phone);
    if (!code) throw new Error(`no code was sent to ${phone}`);
    const result = await anonymous.trpc.auth.verifyCode.mutate({ phone, code, deviceName });
    const tokens = { accessToken: result.accessToken, refreshToken: result.refreshToken };
    const client = createTestClient(server.url, () => tokens.accessToken, options);
    return { ...client, user: result.user, phone, tokens };
  } finally {
    await anonymous.close();
  }
}
