import { Check, CheckCheck, CircleAlert, Clock } from 'lucide-react';

export type Delivery = 'sending' | 'failed' | 'sent' | 'delivered' | 'read';

const LABEL: Record<Delivery, string> = {
  sending: 'Sending',
  failed: 'Not sent',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

/** The state of one of my messages, as WhatsApp-style ticks with a text label for screen readers. */
export function Ticks({ state }: { state: Delivery }) {
  const Icon = state === 'sending' ? Clock : state === 'failed' ? CircleAlert : state === 'sent' ? Check : CheckCheck;
  return (
    <span className={`ticks ticks--${state}`} role="img" aria-label={LABEL[state]} title={LABEL[state]} data-delivery={state}>
      <Icon aria-hidden="true" />
    </span>
  );
}
