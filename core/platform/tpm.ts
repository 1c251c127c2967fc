// The TPM as Windows reports it (Get-Tpm, Win32_Tpm) and what stands between it and a virtual
// smart card: each bad state maps to a catalog code whose resolution tells the person what to do.
import type { StationErrorCode } from '../errors/catalog.ts';

export type TpmFamily = '1.2' | '2.0';

export interface TpmState {
  readonly present: boolean;
  readonly ready: boolean;
  readonly enabled: boolean;
  readonly activated: boolean;
  readonly owned: boolean;
  readonly restartPending: boolean;
  readonly lockedOut: boolean;
  /** Win32_Tpm.SpecVersion as reported, e.g. "2.0, 0, 1.38"; undefined when unknown */
  readonly specVersion: string | undefined;
  /** from the first number of SpecVersion */
  readonly family: TpmFamily | undefined;
  /** ManufacturerIdTxt, e.g. "INTC" (display only) */
  readonly manufacturer?: string;
  /** LockoutHealTime as Windows words it, e.g. "10 minutes" (display only) */
  readonly lockoutHealTime?: string;
}

export interface TpmPort {
  tpmState(): Promise<TpmState>;
}

export interface TpmProblem {
  readonly code: StationErrorCode;
  readonly detail: string;
}

/** "2.0, 0, 1.38" → 2.0; "1.2, 2, 3" → 1.2 (Win32_Tpm documents "major.minor, revision, errata"). */
export function tpmFamily(specVersion: string | undefined): TpmFamily | undefined {
  const first = specVersion?.split(',')[0]?.trim();
  if (first === '2.0') return '2.0';
  if (first === '1.2') return '1.2';
  return undefined;
}

/**
 * Every reason the TPM cannot hold a virtual smart card now, the most basic first (a missing TPM
 * explains everything after it, so only that one is reported). Empty = ready.
 */
export function tpmProblems(s: TpmState): TpmProblem[] {
  if (!s.present) return [{ code: 'TPM_NOT_PRESENT', detail: 'TpmPresent is false' }];
  if (s.family === undefined && s.specVersion !== undefined) {
    return [{ code: 'TPM_NOT_PRESENT', detail: `unsupported TPM specification ${s.specVersion}` }];
  }
  const out: TpmProblem[] = [];
  if (!s.enabled) out.push({ code: 'TPM_DISABLED', detail: 'TpmEnabled is false' });
  if (!s.activated) out.push({ code: 'TPM_NOT_ACTIVATED', detail: 'TpmActivated is false' });
  if (s.restartPending) out.push({ code: 'TPM_RESTART_PENDING', detail: 'RestartPending is true' });
  if (out.length > 0) return out;
  if (!s.owned) out.push({ code: 'TPM_NOT_OWNED', detail: 'TpmOwned is false' });
  if (s.lockedOut) {
    out.push({
      code: 'TPM_LOCKED_OUT',
      detail: `LockedOut is true${s.lockoutHealTime ? `, heals in ${s.lockoutHealTime}` : ''}`,
    });
  }
  if (!s.ready && out.length === 0) out.push({ code: 'TPM_NOT_READY', detail: 'TpmReady is false' });
  return out;
}
