import type { Clock } from '@confab/api';

/** The first pause after Twilio asks us to slow down; each further one in a row doubles it. */
const FIRST_PAUSE_SECONDS = 60;
const LONGEST_PAUSE_SECONDS = 15 * 60;

/**
 * Twilio's "slow down" answers (20429 too many requests, 25109 back off) are about our account,
 * not the number that happened to get them: once one arrives, every sign-in (for the
 * Messaging sender: every invitation) in this process waits, without asking Twilio, until the
 * pause is over. A pause that ends in another refusal
 * doubles (1, 2, 4 … 15 minutes); the first success resets it. Nothing here retries: the person
 * is told when to come back. Each server process learns it from its own first refusal, so a
 * cluster asks Twilio at most once per process per pause.
 */
export class TwilioBackoff {
  private pausedUntil = 0;
  private pausesInARow = 0;

  constructor(private readonly clock: Clock) {}

  /** Seconds until Twilio may be asked again (0: ask now). */
  secondsLeft(): number {
    const left = this.pausedUntil - this.clock.now().getTime();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Twilio asked us to slow down: pauses every request; returns the pause in seconds. */
  pause(): number {
    const seconds = Math.min(LONGEST_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** this.pausesInARow);
    this.pausesInARow += 1;
    this.pausedUntil = this.clock.now().getTime() + seconds * 1000;
    return seconds;
  }

  /** Twilio answered normally: the next refusal starts from the first pause again. */
  succeeded(): void {
    this.pausesInARow = 0;
  }
}
