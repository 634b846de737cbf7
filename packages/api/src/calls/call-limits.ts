/** An unanswered call rings this long, then ends as missed. */
export const RING_TIMEOUT_MS = 45_000;
/** A device in a call that sends no signal or keep-alive for this long has dropped out. */
export const SILENCE_TIMEOUT_MS = 30_000;
/** Group calls are a mesh (one connection per pair), so they stay small. */
export const MAX_CALL_PARTICIPANTS = 4;
/** A session description with audio, video and a few dozen candidates is 5–15 KB. */
export const MAX_SDP_CHARS = 64_000;
export const MAX_CANDIDATE_CHARS = 1_000;
