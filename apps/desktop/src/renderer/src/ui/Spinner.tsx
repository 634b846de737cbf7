import { Loader2 } from 'lucide-react';

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner" role="status">
      <Loader2 className="spin" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}
