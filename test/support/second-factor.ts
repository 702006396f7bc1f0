// Codes of the demo's TOTP key (libs/demo: the amministratore and DPO users), for the helpers that log in.
// A code opens one login only, so a second login within the same 30 seconds takes the next step's code
// (the server accepts one step either side), and a third waits for the step to turn: no test depends on
// where in its 30 seconds the wall clock happens to be.
import { generate } from 'otplib';
import { DEMO_TOTP_SECRET } from '../../libs/demo/index.js';

const PERIOD_MS = 30_000;

/** The code of the key for time step `step` (Unix time / 30 s). */
export function codeAt(step: number, secret = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret, epoch: (step * PERIOD_MS) / 1000 });
}

/** The step of now. */
export const currentStep = () => Math.floor(Date.now() / PERIOD_MS);

/**
 * Runs `attempt` with codes of successive steps, from now's, until it does not answer 'used' (a code the
 * server had already accepted once), waiting for a step to become acceptable when needed.
 */
export async function withTotpCode<T>(
  attempt: (code: string) => Promise<T | 'used'>,
  secret = DEMO_TOTP_SECRET,
): Promise<T> {
  let step = currentStep();
  for (let tries = 0; tries < 8; tries++) {
    // The server accepts a step at most one ahead of its own.
    const wait = (step - 1) * PERIOD_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
    const outcome = await attempt(await codeAt(step, secret));
    if (outcome !== 'used') return outcome;
    step += 1;
  }
  throw new Error('no TOTP code was accepted in eight steps');
}
