import { Ban, Check, EyeOff, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { OutputOf } from '../../../../shared/procedures/index';
import { Spinner } from '../../ui/Spinner';

type Report = OutputOf<'moderation.reports'>['reports'][number];
type Action = 'dismiss' | 'removeContent' | 'suspendUser';
type Status = 'open' | 'resolved';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const RESOLUTION_TEXT = { dismissed: 'Dismissed', contentRemoved: 'Content removed', userSuspended: 'User suspended' } as const;

/** The moderators' queue: each report with who, about whom, why and the messages as reported. */
export function ModerationPage() {
  const backend = useBackend();
  const [status, setStatus] = useState<Status>('open');
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setReports((await backend.call('moderation.reports', { status })).reports);
    } catch (err) {
      setError(errorText(err));
    }
  }, [backend, status]);
  useEffect(() => {
    setReports(null);
    void load();
  }, [load]);

  async function resolve(report: Report, action: Action) {
    setError(null);
    try {
      await backend.call('moderation.resolveReport', { reportId: report.id, action });
    } catch (err) {
      setError(errorText(err));
    }
    await load();
  }

  async function liftSuspension(userId: string) {
    setError(null);
    try {
      await backend.call('moderation.liftSuspension', { userId });
    } catch (err) {
      setError(errorText(err));
    }
    await load();
  }

  return (
    <div className="settings-page moderation">
      <div className="segmented" role="radiogroup" aria-label="Reports">
        {(['open', 'resolved'] as const).map((s) => (
          <label key={s} className={`segmented__option${status === s ? ' is-selected' : ''}`}>
            <input type="radio" name="report-status" value={s} checked={status === s} onChange={() => setStatus(s)} className="sr-only" />
            {s === 'open' ? 'Open' : 'Resolved'}
          </label>
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!reports ? (
        !error && <Spinner label="Loading reports" />
      ) : reports.length === 0 ? (
        <p className="settings-empty">{status === 'open' ? 'No reports are waiting.' : 'Nothing resolved yet.'}</p>
      ) : (
        <ul className="moderation__reports" aria-label={status === 'open' ? 'Open reports' : 'Resolved reports'}>
          {reports.map((r) => (
            <ReportCard key={r.id} report={r} onResolve={(action) => resolve(r, action)} onLift={liftSuspension} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportCard({ report, onResolve, onLift }: { report: Report; onResolve(action: Action): Promise<void>; onLift(userId: string): Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const target = report.target.kind === 'user' ? report.target.user.name || report.target.user.phone || 'Unknown' : `Group “${report.target.title}”`;
  const run = async (action: Action) => {
    setBusy(true);
    await onResolve(action);
    setBusy(false);
    setConfirming(false);
  };
  const hasContent = report.evidence.some((m) => !m.removed);
  return (
    <li className="report-card" aria-label={`Report about ${target}`}>
      <header className="report-card__header">
        <strong>{target}</strong>
        {report.target.kind === 'user' && report.target.user.suspended && <span className="badge badge--danger">Suspended</span>}
        <span className="report-card__time">{when.format(new Date(report.createdAt))}</span>
      </header>
      <p className="report-card__reason">
        <span className="muted">Reported by {report.reporter.name || report.reporter.phone || 'someone'}:</span> {report.reason}
      </p>
      {report.evidence.length > 0 ? (
        <ol className="report-card__evidence" aria-label="Reported messages">
          {report.evidence.map((m) => (
            <li key={m.id} className="evidence">
              <span className="evidence__sender">{m.senderName || 'Unknown'}</span>
              <span className="evidence__text">{m.text ?? `[${m.kind}]`}</span>
              <span className="evidence__meta">
                {when.format(new Date(m.createdAt))}
                {m.removed && ' · removed'}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No messages attached.</p>
      )}
      {report.status === 'resolved' ? (
        <div className="report-card__actions">
          <p className="report-card__outcome">
            <Check aria-hidden="true" /> {report.resolution ? RESOLUTION_TEXT[report.resolution] : 'Resolved'}
            {report.resolvedAt && ` · ${when.format(new Date(report.resolvedAt))}`}
          </p>
          {/* An appeal upheld: they can sign in again. */}
          {report.target.kind === 'user' && report.target.user.suspended && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => {
                if (report.target.kind !== 'user') return;
                setBusy(true);
                void onLift(report.target.user.id).finally(() => setBusy(false));
              }}
            >
              <Undo2 aria-hidden="true" /> Lift suspension
            </button>
          )}
        </div>
      ) : confirming ? (
        <div className="report-card__actions" role="group" aria-label="Confirm suspension">
          <span>Suspend {target}? Their devices are signed out at once.</span>
          <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void run('suspendUser')}>
            Suspend
          </button>
        </div>
      ) : (
        <div className="report-card__actions">
          <button type="button" className="button button--small" disabled={busy} onClick={() => void run('dismiss')}>
            <Check aria-hidden="true" /> Dismiss
          </button>
          {hasContent && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => void run('removeContent')}>
              <EyeOff aria-hidden="true" /> Remove content
            </button>
          )}
          {report.target.kind === 'user' && !report.target.user.suspended && (
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => setConfirming(true)}>
              <Ban aria-hidden="true" /> Suspend user
            </button>
          )}
        </div>
      )}
    </li>
  );
}
