import type { UserView } from '../users/user-view.js';

/** A friend request as one side sees it: who the other person is and which way it goes. */
export interface FriendRequestView {
  user: UserView;
  direction: 'incoming' | 'outgoing';
  createdAt: string;
}
