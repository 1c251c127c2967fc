// The sim's stand-in for Active Directory: a JSON file of user objects. Passwords are kept as
// scrypt hashes (Basic) and, like AD's unicodePwd, as NT hashes (NTLM needs the NT hash itself, so
// the file is password-equivalent for NTLM and written 0600); the CA builds subjects and SANs from
// these attributes, never from the CSR.
import { randomBytes, scrypt, timingSafeEqual, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createMD4 } from 'hash-wasm';
import { writeJsonAtomic } from './store.ts';

export interface DirectoryUser {
  sAMAccountName: string;
  userPrincipalName?: string;
  mail?: string;
  distinguishedName: string;
  objectSid: string;
  /** group names (cn), e.g. "Domain Users" */
  memberOf: string[];
  enabled: boolean;
  /** scrypt$N$r$p$<salt b64>$<hash b64>; absent = cannot log on with a password */
  passwordHash?: string;
  /** hex MD4(UTF-16LE(password)), as AD keeps it; absent = cannot log on with NTLM */
  ntHash?: string;
}

export interface DirectoryData {
  netbiosDomain: string;
  dnsDomain: string;
  users: DirectoryUser[];
}

/** A user snapshot without secrets, as stored with requests. */
export type PublicUser = Omit<DirectoryUser, 'passwordHash' | 'ntHash'>;

export function publicUser(u: DirectoryUser): PublicUser {
  const { passwordHash: _omit, ntHash: _omitNt, ...rest } = u;
  return rest;
}

/** The NT hash (MD4 of the UTF-16LE password), hex. MD4 is gone from OpenSSL 3, hence hash-wasm. */
export async function ntHashOf(password: string): Promise<string> {
  const md4 = await createMD4();
  md4.init();
  md4.update(Buffer.from(password, 'utf16le'));
  return md4.digest('hex');
}

const SCRYPT_N = 16384;
const SCRYPT_R = 8;
const SCRYPT_P = 1;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  return `scrypt$${SCRYPT_N}$${SCRYPT_R}$${SCRYPT_P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return got.length === want.length && timingSafeEqual(got, want);
}

export class Directory {
  readonly data: DirectoryData;
  // successful logons are remembered by a keyed digest so repeated Basic requests skip scrypt;
  // the key lives only in this process
  readonly #cacheKey = randomBytes(32);
  readonly #okCache = new Set<string>();

  constructor(data: DirectoryData) {
    this.data = data;
  }

  static load(file: string): Directory {
    return new Directory(JSON.parse(readFileSync(file, 'utf8')) as DirectoryData);
  }

  /** Accepts DOMAIN\sam, sam, or a UPN (case-insensitive) like Windows logon does. */
  find(name: string): DirectoryUser | undefined {
    const n = name.trim().toLowerCase();
    const dom = this.data.netbiosDomain.toLowerCase();
    const dns = this.data.dnsDomain.toLowerCase();
    let sam = n;
    const slash = n.indexOf('\\');
    if (slash >= 0) {
      const d = n.slice(0, slash);
      if (d !== dom && d !== dns) return undefined;
      sam = n.slice(slash + 1);
    }
    return this.data.users.find(
      (u) => u.sAMAccountName.toLowerCase() === sam || u.userPrincipalName?.toLowerCase() === n,
    );
  }

  findByUpn(upn: string): DirectoryUser | undefined {
    return this.data.users.find((u) => u.userPrincipalName?.toLowerCase() === upn.toLowerCase());
  }

  findByMail(mail: string): DirectoryUser | undefined {
    return this.data.users.find((u) => u.mail?.toLowerCase() === mail.toLowerCase());
  }

  qualified(u: PublicUser): string {
    return `${this.data.netbiosDomain}\\${u.sAMAccountName}`;
  }

  async authenticate(name: string, password: string): Promise<DirectoryUser | undefined> {
    const u = this.find(name);
    if (!u || !u.enabled || !u.passwordHash) return undefined;
    const tag = createHmac('sha256', this.#cacheKey)
      .update(`${u.sAMAccountName}\0${u.passwordHash}\0${password}`)
      .digest('base64');
    if (this.#okCache.has(tag)) return u;
    if (!(await verifyPassword(password, u.passwordHash))) return undefined;
    this.#okCache.add(tag);
    return u;
  }
}

export interface DemoCredential {
  user: string;
  password: string;
}

/**
 * Writes a demo directory (CORP / corp.example) with fresh random passwords. The hashes go into
 * `directoryFile`; the clear passwords are returned and, if `credentialsFile` is given, written
 * there with mode 0600 for the demo only.
 */
export async function createDemoDirectory(
  directoryFile: string,
  credentialsFile?: string,
): Promise<{ directory: Directory; credentials: Record<string, string> }> {
  const base = 'DC=corp,DC=example';
  const domainSid = 'S-1-5-21-3623811015-3361044348-30300820';
  const people: Array<Omit<DirectoryUser, 'passwordHash' | 'ntHash'>> = [
    {
      sAMAccountName: 'alice',
      userPrincipalName: 'alice@corp.example',
      mail: 'alice@corp.example',
      distinguishedName: `CN=Alice Martin,OU=Staff,${base}`,
      objectSid: `${domainSid}-1104`,
      memberOf: ['Domain Users', 'Smartcard Holders'],
      enabled: true,
    },
    {
      sAMAccountName: 'bob',
      userPrincipalName: 'bob@corp.example',
      distinguishedName: `CN=Bob Kim,OU=Staff,${base}`,
      objectSid: `${domainSid}-1105`,
      memberOf: ['Domain Users', 'Smartcard Holders'],
      enabled: true,
    },
    {
      sAMAccountName: 'kiosk',
      userPrincipalName: 'kiosk@corp.example',
      mail: 'kiosk@corp.example',
      distinguishedName: `CN=Enrollment Kiosk,OU=Service Accounts,${base}`,
      objectSid: `${domainSid}-1106`,
      memberOf: ['Domain Users', 'Enrollment Agents'],
      enabled: true,
    },
    {
      sAMAccountName: 'carol',
      userPrincipalName: 'carol@corp.example',
      mail: 'carol@corp.example',
      distinguishedName: `CN=Carol Dupont,OU=Staff,${base}`,
      objectSid: `${domainSid}-1107`,
      memberOf: ['Domain Users', 'Smartcard Holders'],
      enabled: false,
    },
    {
      sAMAccountName: 'dave',
      userPrincipalName: 'dave@corp.example',
      mail: 'dave@corp.example',
      distinguishedName: `CN=Dave Lee,OU=Staff,${base}`,
      objectSid: `${domainSid}-1108`,
      memberOf: ['Domain Users'],
      enabled: true,
    },
  ];
  const credentials: Record<string, string> = {};
  const users: DirectoryUser[] = [];
  for (const p of people) {
    const password = randomBytes(12).toString('base64url');
    credentials[`CORP\\${p.sAMAccountName}`] = password;
    users.push({ ...p, passwordHash: await hashPassword(password), ntHash: await ntHashOf(password) });
  }
  const data: DirectoryData = { netbiosDomain: 'CORP', dnsDomain: 'corp.example', users };
  writeJsonAtomic(directoryFile, data, 0o600);
  if (credentialsFile) writeJsonAtomic(credentialsFile, credentials, 0o600);
  return { directory: new Directory(data), credentials };
}
