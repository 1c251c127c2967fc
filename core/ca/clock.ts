// Kerberos, certificate validity and the audit log all assume the station's clock agrees with the
// domain's. Every certsrv response carries a Date header, so the client measures the skew for free.

export interface ClockSkewFinding {
  readonly kind: 'clock-skew';
  readonly code: 'CLOCK_SKEW';
  /** server minus local, milliseconds (positive: the station is behind) */
  readonly skewMs: number;
  readonly thresholdMs: number;
  readonly serverDate: string;
  readonly localDate: string;
  readonly resolution: string;
}

export const DEFAULT_CLOCK_SKEW_THRESHOLD_MS = 5 * 60 * 1000;

/**
 * Compares the server's Date with the local clock at the middle of the exchange; Date has
 * one-second resolution, so the comparison is only as good as ±1 s plus half the round trip.
 */
export function measureClockSkew(
  dateHeader: string | undefined,
  sentAt: Date,
  receivedAt: Date,
  thresholdMs: number,
): ClockSkewFinding | undefined {
  if (!dateHeader) return undefined;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return undefined;
  const local = (sentAt.getTime() + receivedAt.getTime()) / 2;
  const skewMs = Math.round(server - local);
  if (Math.abs(skewMs) <= thresholdMs) return undefined;
  return {
    kind: 'clock-skew',
    code: 'CLOCK_SKEW',
    skewMs,
    thresholdMs,
    serverDate: new Date(server).toISOString(),
    localDate: new Date(local).toISOString(),
    resolution:
      'Set the station clock from the domain time source (w32tm /resync or NTP); Kerberos fails beyond 5 minutes of skew.',
  };
}
