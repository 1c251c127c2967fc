// The pinned checkpoint key, chosen from the PEM files on the auditor's own medium (the kiosk has
// no file chooser; the station configuration names the folder the medium is mounted at). Each key
// is shown by its SHA-256 fingerprint, the value `station audit key` printed at installation.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditKeysView, ErrorView, StationBridge } from '../../../electron/ipc-contract.ts';
import { ErrorPanel } from '../components.tsx';

/** 64 hex digits in groups of four, so a person can compare them with a printed fingerprint */
export const grouped = (hex: string): string => hex.replace(/(.{4})(?=.)/g, '$1 ');

export function KeyChooser(props: {
  readonly station: StationBridge;
  readonly keyFile: string | undefined;
  readonly onChoose: (file: string) => void;
}): ReactNode {
  const { station, keyFile, onChoose } = props;
  const { t } = useTranslation();
  const [keys, setKeys] = useState<AuditKeysView | undefined>(undefined);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const load = async (): Promise<void> => {
    const r = await station.auditKeys();
    if (r.ok) {
      setKeys(r.value);
      setError(undefined);
      const first = r.value.keys[0];
      if (keyFile === undefined && r.value.keys.length === 1 && first !== undefined) onChoose(first.file);
    } else setError(r.error);
  };
  useEffect(() => {
    void load();
    // once per screen: the medium is read again with "Read the medium again"
  }, []);
  return (
    <section className="audit-keys" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('audit.keys.heading')}</h2>
      {error === undefined ? null : <ErrorPanel error={error} />}
      {keys === undefined ? null : (
        <>
          <p>{t('audit.keys.folder', { folder: keys.folder })}</p>
          {keys.keys.length === 0 ? <p>{t('audit.keys.none')}</p> : null}
          <fieldset>
            <legend>{t('audit.keys.choose')}</legend>
            {keys.keys.map((k) => (
              <label key={k.file} className="key-choice">
                <input
                  type="radio"
                  name="pinned-key"
                  checked={keyFile === k.file}
                  onChange={() => onChoose(k.file)}
                />
                <span>{k.file}</span>
                <code data-fingerprint={k.fingerprint}>{grouped(k.fingerprint)}</code>
              </label>
            ))}
          </fieldset>
        </>
      )}
      <button type="button" className="secondary" onClick={() => void load()}>
        {t('audit.keys.reload')}
      </button>
    </section>
  );
}
