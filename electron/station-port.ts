// The part of the application layer (station/, being built) the kiosk calls, in the shape
// APP-LAYER planned. Types only: the kiosk writes no use case. When station/index.ts lands this
// file re-exports its types and the view mapping in handlers.ts follows the real ones.
import type { Secret } from '../core/enrollment/secret.ts';
import type {
  CertificateView,
  EnrollRequestView,
  HealthView,
  OperatorView,
  PendingView,
  PinPolicyView,
  ReaderView,
} from './ipc-contract.ts';
import type { StationError } from '../core/errors/catalog.ts';

export interface OperatorSession {
  readonly view: OperatorView;
}

export interface EnrollIO {
  onProgress?(p: { readonly enrollmentId: string; readonly step: string; readonly percent: number }): void;
  askNewPin(policy: PinPolicyView & { readonly enrollmentId: string }): Promise<Secret | 'skip'>;
}

export type EnrollOutcome =
  | {
      readonly status: 'issued' | 'issued-pin-not-changed';
      readonly enrollmentId: string;
      readonly reqId: number;
      readonly certificate: CertificateView;
    }
  | { readonly status: 'pending'; readonly enrollmentId: string; readonly reqId: number }
  | {
      readonly status: 'denied';
      readonly enrollmentId: string;
      readonly reqId: number;
      readonly error: StationError;
    };

export interface KioskStation {
  readers(): Promise<readonly ReaderView[]>;
  watchReaders(listener: () => void): () => void;
  health(): Promise<HealthView>;
  signInOperator(pin: Secret, reader?: string): Promise<OperatorSession>;
  enroll(input: EnrollRequestView, operator: OperatorSession, io: EnrollIO): Promise<EnrollOutcome>;
  pending(): Promise<readonly PendingView[]>;
  resume(enrollmentId: string, operator: OperatorSession, io: EnrollIO): Promise<EnrollOutcome>;
  close(): Promise<void>;
}
