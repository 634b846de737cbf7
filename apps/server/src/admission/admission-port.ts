import { fail, type Admission } from '@confab/api';
import { TRPCError } from '@trpc/server';
import { AdmissionAbandoned, AdmissionRefused, type AdmissionGate } from './admission-gate.js';

/**
 * The gate as the procedures' middleware sees it: refusals become TOO_MANY_REQUESTS with
 * `retryAfterSeconds` (the shape clients already honour for rate limits), spread over 1–3 s so
 * clients refused together do not all come back together.
 */
export function admissionPort(gate: AdmissionGate): Admission {
  return {
    enter: (client, gone) =>
      gate.enter(client, gone).catch((error: unknown) => {
        if (error instanceof AdmissionRefused) throw refusal(error);
        // Nobody is left to answer; not a server failure, so not logged as one.
        if (error instanceof AdmissionAbandoned) throw new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The caller went away while waiting' });
        throw error;
      }),
  };
}

function refusal(refused: AdmissionRefused) {
  const retryAfterSeconds = 1 + Math.floor(Math.random() * 3);
  return refused.reason === 'client_busy'
    ? fail.tooManyRequests('Too many requests at once from this connection; try again in a moment', retryAfterSeconds)
    : fail.tooManyRequests('The server is busy; try again in a moment', retryAfterSeconds);
}
