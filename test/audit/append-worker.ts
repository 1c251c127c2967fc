// A second (or third) process appending to a shared audit log, as two station processes sharing
// one data folder do. Usage: node append-worker.ts <db> <keyfile> <count>; prints the seqs it got.
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { event } from './fixtures.ts';

const [db, key, count] = process.argv.slice(2);
const log = new SqliteAuditLog({ path: db!, keyPath: key!, stationId: 'kiosk-01', checkpointEvery: 10 });
const seqs: number[] = [];
for (let i = 0; i < Number(count); i++) seqs.push((await log.append(event())).seq);
log.close();
process.stdout.write(JSON.stringify(seqs) + '\n');
