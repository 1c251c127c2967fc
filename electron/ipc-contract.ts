// The whole surface between the kiosk screens and the main process. The renderer imports these
// types only; every value crossing the bridge is validated again in main (validate.ts), because
// a compromised renderer can send anything.
export const CHANNELS = {
  status: 'station:status',
  enroll: 'station:enroll',
  auditList: 'station:audit-list',
  auditVerify: 'station:audit-verify',
  progress: 'station:progress',
} as const;

export interface ReaderView {
  readonly name: string;
  readonly cardPresent: boolean;
  readonly atr: string | null;
}

export interface EnrollRequest {
  /** DOMAIN\user of the cardholder */
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly reissue: boolean;
  /** typed by the holder; crosses the bridge once, is wrapped in a Secret in main and wiped */
  readonly newPin?: string;
  readonly agentPin: string;
}

export interface ProgressView {
  readonly step: string;
  readonly percent: number;
}

export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly resolution: string;
}

export interface StationBridge {
  status(): Promise<readonly ReaderView[]>;
  enroll(
    request: EnrollRequest,
  ): Promise<{ readonly status: string; readonly reqId: number | null } | { readonly error: ErrorView }>;
  onProgress(listener: (p: ProgressView) => void): () => void;
}
