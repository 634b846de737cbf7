export interface PollOptionResult {
  id: string;
  text: string;
  votes: number;
  /** Who chose this option, in the order they voted (as WhatsApp's "view votes" shows). */
  voterIds: string[];
}

export interface PollResults {
  pollId: string;
  chatId: string;
  messageId: string;
  question: string;
  multipleAnswers: boolean;
  options: PollOptionResult[];
  /** People with at least one vote (in a multiple-answer poll one person may count on several options). */
  totalVoters: number;
}
