import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { mapLimit } from './pool.js';

const TEST_CODE = '123456';
/** +1 201 555 0000–9999: numbers that pass validation and belong to nobody. */
export const MAX_BENCH_USERS = 10_000;

export function benchPhone(index: number): string {
  if (index >= MAX_BENCH_USERS) throw new Error(`at most ${MAX_BENCH_USERS} bench users`);
  return `+1201555${String(index).padStart(4, '0')}`;
}

/** Server environment that gives the first `count` bench numbers a fixed sign-in code. */
export function testNumbersEnv(count: number): Record<string, string> {
  const entries = Array.from({ length: count }, (_, i) => `${benchPhone(i)}:${TEST_CODE}`);
  return { AUTH_TEST_NUMBERS: entries.join(','), AUTH_CODE_REQUESTS_PER_IP_HOUR: String(count * 10 + 100) };
}

export interface BenchUser {
  index: number;
  id: string;
  accessToken: string;
}

/** Signs the first `count` bench numbers in over HTTP, as the app does (request a code, then verify it). */
export async function signInUsers(baseUrl: string, count: number, deviceName: string): Promise<BenchUser[]> {
  const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc` })] });
  return mapLimit(Array.from({ length: count }, (_, i) => i), 16, async (index) => {
    const phone = benchPhone(index);
    await anonymous.auth.requestCode.mutate({ phone });
    const result = await anonymous.auth.verifyCode.mutate({ phone, code: TEST_CODE, deviceName });
    return { index, id: result.user.id, accessToken: result.accessToken };
  });
}
