// `station audit verify | list | export`: the auditor's commands over the station's log.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCheckpointKey, publicKeyPem } from '../../core/audit/checkpoint-key.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import type { AuditFilter } from '../../core/audit/audit-log.ts';
import { cardStates } from '../../core/audit/card-states.ts';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../core/audit/record.ts';
import type { StationConfig } from '../../core/config/config.ts';
import { centralHead, describeBacklog, forwardBacklog } from '../central-log.ts';
import { openAuditLog } from '../compose.ts';
import { printLine, type Output } from '../output.ts';

export interface AuditArgs {
  readonly db: string;
  readonly publicKey?: string;
  readonly from?: string;
  readonly to?: string;
  readonly operator?: string;
  readonly user?: string;
  readonly card?: string;
  readonly outcome?: string;
  readonly format?: string;
  readonly output?: string;
  /** `audit cards`: only cards whose holder has not left the transport PIN */
  readonly pinNotChanged?: boolean;
  /** with a central log configured, its copy anchors the verification */
  readonly config?: StationConfig;
}

function filterOf(a: AuditArgs): AuditFilter {
  if (a.outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(a.outcome)) {
    throw new Error(`--outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
  }
  for (const [k, v] of [
    ['--from', a.from],
    ['--to', a.to],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw new Error(`${k} must be a date/time such as 2026-11-23T00:00:00Z`);
  }
  return {
    ...(a.from === undefined ? {} : { from: a.from }),
    ...(a.to === undefined ? {} : { to: a.to }),
    ...(a.operator === undefined ? {} : { operatorUpn: a.operator }),
    ...(a.user === undefined ? {} : { targetUser: a.user }),
    ...(a.card === undefined ? {} : { card: a.card }),
    ...(a.outcome === undefined ? {} : { outcome: a.outcome as AuditOutcome }),
  };
}

/**
 * Auditors pin the station's checkpoint key with --public-key (a PEM file they keep). Without it
 * the station's own key file beside the log is used, which proves integrity only against someone
 * who could not also replace that key — the output says which one was used.
 */
function openForReview(a: AuditArgs, out: Output): SqliteAuditLog {
  if (a.publicKey !== undefined) {
    return new SqliteAuditLog({
      path: a.db,
      readOnly: true,
      trustedPublicKey: readFileSync(a.publicKey, 'utf8'),
    });
  }
  const stationKey = path.join(path.dirname(a.db), 'audit-signing.key');
  if (!existsSync(stationKey)) throw new Error('no --public-key given and no station key beside the log');
  if (!out.json)
    process.stderr.write(
      `note: checkpoints checked with the station's own key (${stationKey}); pass --public-key to pin yours\n`,
    );
  return new SqliteAuditLog({
    path: a.db,
    readOnly: true,
    trustedPublicKey: loadCheckpointKey(stationKey).publicKey,
  });
}

/** Exit 0 when the central log holds everything, 4 when records are still queued locally. */
export async function forwardCommand(config: StationConfig, out: Output): Promise<number> {
  const log = openAuditLog(config);
  try {
    const { status, error } = await forwardBacklog(config, log);
    printLine(out, describeBacklog(status, error), { centralLog: status });
    return status.backlog === 0 ? 0 : 4;
  } finally {
    log.close();
  }
}

/**
 * `station audit key`: the checkpoint public key, for the auditor to keep away from the station
 * (at installation) and pass back later with --public-key.
 */
function printPublicKey(a: AuditArgs, out: Output): number {
  const stationKey = path.join(path.dirname(a.db), 'audit-signing.key');
  if (!existsSync(stationKey)) throw new Error(`no station key beside the log (${stationKey})`);
  const { publicKey, fingerprint } = loadCheckpointKey(stationKey);
  const pem = publicKeyPem(publicKey);
  if (a.output !== undefined) writeFileSync(a.output, pem, { mode: 0o644 });
  else if (!out.json) process.stdout.write(pem);
  printLine(out, `checkpoint key fingerprint sha256:${fingerprint}`, { fingerprint, publicKeyPem: pem });
  return 0;
}

export async function auditCommand(sub: string, a: AuditArgs, out: Output): Promise<number> {
  if (sub === 'key') return printPublicKey(a, out);
  const log = openForReview(a, out);
  try {
    if (sub === 'verify') {
      const anchor = a.config === undefined ? null : await centralHead(a.config);
      if (a.config?.audit.postgresUrlEnv !== undefined)
        printLine(
          out,
          anchor === null
            ? 'central log unreachable or empty: checked against the signed checkpoints only'
            : `checked against the central copy's newest record (seq ${anchor.seq}) as well`,
        );
      const v = await log.verify(anchor === null ? {} : { anchors: [anchor] });
      if (v.ok) {
        printLine(
          out,
          `log intact: ${v.recordsChecked} records, ${v.checkpointsChecked} signed checkpoints, signed through seq ${v.signedThroughSeq}` +
            (v.unsignedTail > 0 ? `, ${v.unsignedTail} newer records not yet under a checkpoint` : ''),
          { verification: v },
        );
        return 0;
      }
      const b = v.firstBreak;
      printLine(out, `log BROKEN at seq ${b?.seq ?? '?'}: ${b?.kind ?? 'unknown'} — ${b?.message ?? ''}`, {
        verification: v,
      });
      return 3;
    }
    if (sub === 'cards') {
      const cards = cardStates(await log.query({ limit: Number.MAX_SAFE_INTEGER })).filter(
        (c) => !a.pinNotChanged || c.state === 'issued-pin-not-changed',
      );
      for (const c of cards)
        printLine(
          out,
          `${c.card}\t${c.state}\t${c.targetUser ?? '-'}\t${c.ts}${c.certificateSerial === null ? '' : `\tcertificate ${c.certificateSerial}`}`,
          { card: c },
        );
      if (cards.length === 0) printLine(out, 'no cards');
      return 0;
    }
    if (sub === 'list') {
      for (const r of await log.query(filterOf(a))) {
        printLine(
          out,
          `${r.seq}\t${r.ts}\t${r.action}\t${r.outcome}${r.errorCode ? ` ${r.errorCode}` : ''}\t${r.targetUser ?? '-'}\t${r.operatorUpn ?? '-'}\t${r.cardSerial ?? r.cardGuid ?? '-'}${r.caRequestId === null ? '' : `\tReqID ${r.caRequestId}`}`,
          { record: r },
        );
      }
      return 0;
    }
    if (sub === 'export') {
      const format = a.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
      const exp = await log.export(format, filterOf(a));
      if (a.output === undefined) process.stdout.write(exp.content);
      else writeFileSync(a.output, exp.content, { mode: 0o640 });
      process.stderr.write(
        `exported ${exp.recordCount} records; verification of the exported range: ${exp.verification.ok ? 'intact' : `BROKEN at seq ${exp.verification.firstBreak?.seq}`}\n`,
      );
      return exp.verification.ok ? 0 : 3;
    }
    throw new Error(`unknown audit command "${sub}" (verify, list, export, cards, key, forward)`);
  } finally {
    log.close();
  }
}
