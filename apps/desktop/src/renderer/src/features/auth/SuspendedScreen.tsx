import { Ban } from 'lucide-react';

/**
 * What a suspended user's open app shows once a moderator suspended them: why they were signed
 * out, instead of a plain sign-in screen. Signing in again is refused until the suspension is lifted.
 */
export function SuspendedScreen({ message, onDone }: { message: string; onDone(): void }) {
  return (
    <main className="signin" aria-labelledby="suspended-title">
      <div className="signin__card suspended">
        <span className="suspended__icon" aria-hidden="true">
          <Ban />
        </span>
        <h1 id="suspended-title" className="signin__title">
          Your account is suspended
        </h1>
        <p className="suspended__text" role="alert">
          {message}
        </p>
        <p className="muted suspended__text">This device was signed out. Your chats stay on the server; you can sign in again if the suspension is lifted.</p>
        <button type="button" className="button" onClick={onDone}>
          Back to sign in
        </button>
      </div>
    </main>
  );
}
