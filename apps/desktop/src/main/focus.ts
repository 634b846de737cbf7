import type { DesktopCore } from '../core/index.js';

/**
 * Which chat is on screen and whether the window has focus, kept together because the core's
 * notification policy needs both: the renderer reports the chat, the window reports focus.
 */
export class FocusState {
  private openChatId: string | null = null;
  private windowFocused = true;

  constructor(private readonly core: Pick<DesktopCore, 'setFocus'>) {}

  setOpenChat(chatId: string | null): Promise<void> {
    this.openChatId = chatId;
    return this.push();
  }

  setWindowFocused(focused: boolean): Promise<void> {
    this.windowFocused = focused;
    return this.push();
  }

  private push(): Promise<void> {
    return this.core.setFocus({ openChatId: this.openChatId, windowFocused: this.windowFocused });
  }
}
