/**
 * Keyboard focus follows the call between its two forms: into the floating window when the
 * call is minimised from its screen, back to the screen's controls when it returns. Called
 * from the control that switched, so a minimise caused by opening another chat leaves focus
 * in that chat.
 */
export function focusCallPip(): void {
  focusSoon('.call-pip__return');
}

export function focusCallScreen(): void {
  focusSoon('.call-screen__minimise');
}

/** After React has put the element on screen. */
function focusSoon(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}
