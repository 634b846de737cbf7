/**
 * Every test client is 127.0.0.1 and suites fire bursts (100 sends at once) on a machine that
 * may be busy: past the default caps a call that waits over ADMISSION_QUEUE_MS is refused, which
 * is what the admission suite tests, not these. A test of the caps passes its own in `extra`.
 */
export const UNCAPPED: Readonly<Record<string, string>> = {
  MAX_IN_FLIGHT: '100000',
  MAX_IN_FLIGHT_PER_CLIENT: '100000',
  AUTH_CODE_REQUESTS_PER_IP_HOUR: '1000000',
  // The test clock stands still, so per-minute caps would count a whole suite as one minute.
  RATE_SENDS_PER_MINUTE: '1000000',
  RATE_TYPING_PER_MINUTE: '1000000',
  RATE_UPLOADS_PER_MINUTE: '1000000',
};
