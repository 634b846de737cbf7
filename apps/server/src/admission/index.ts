import type { Metrics } from '../http/metrics.js';
import { AdmissionGate } from './admission-gate.js';

export { AdmissionGate, type AdmissionLimits } from './admission-gate.js';
export { admissionPort } from './admission-port.js';

/** The process's gate, reporting to /metrics; as many calls may wait as may run. */
export function createAdmissionGate(limits: { maxInFlight: number; maxInFlightPerClient: number; queueMs: number }, metrics: Metrics): AdmissionGate {
  return new AdmissionGate(
    { ...limits, maxWaiting: limits.maxInFlight },
    {
      changed: ({ inFlight, waiting }) => {
        metrics.trpcInFlight.set(inFlight);
        metrics.trpcWaiting.set(waiting);
      },
      refused: (reason) => metrics.trpcRefused.inc({ reason }),
    },
  );
}
