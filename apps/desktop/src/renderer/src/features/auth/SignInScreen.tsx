import { MessageCircle } from 'lucide-react';
import { useState } from 'react';
import type { Session } from '../../lib/backend';
import { CodeStep } from './CodeStep';
import { PhoneStep } from './PhoneStep';

/** Phone number → code. The same flow signs in and registers. */
export function SignInScreen({ onSignedIn, notice }: { onSignedIn(session: Session): void; notice?: string | undefined }) {
  const [phone, setPhone] = useState<string | null>(null);
  return (
    <main className="signin">
      <div className="signin__card">
        <div className="signin__brand">
          <span className="signin__logo" aria-hidden="true">
            <MessageCircle />
          </span>
          <h1 className="signin__title">Confab</h1>
        </div>
        {notice && phone === null && (
          <p className="form-notice form-notice--info" role="status">
            {notice}
          </p>
        )}
        {phone === null ? (
          <PhoneStep onCodeSent={setPhone} />
        ) : (
          <CodeStep phone={phone} onBack={() => setPhone(null)} onSignedIn={onSignedIn} />
        )}
      </div>
    </main>
  );
}
