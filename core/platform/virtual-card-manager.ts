// Creating and destroying TPM virtual smart cards (tpmvscmgr on Windows). Core owns the request
// rules so the unprivileged app and the elevated helper validate with the same code, and the
// helper can do nothing but create or destroy a card (docs/windows-vsc.md, "Elevation").
import { StationError } from '../errors/catalog.ts';

export interface CreateVirtualCardRequest {
  /** Device Manager name of the card (not the PC/SC reader name): 1–64 of A–Z a–z 0–9 space . _ - */
  readonly name: string;
  /** tpmvscmgr /PIN: DEFAULT = 12345678 (the station forces a change), PROMPT = tpmvscmgr asks */
  readonly pin: 'default' | 'prompt';
  /**
   * tpmvscmgr /AdminKey: DEFAULT (the station replaces it over PC/SC right away with its own
   * random key) or RANDOM (nobody ever knows it; a forgotten PIN means a new card)
   */
  readonly adminKey: 'default' | 'random';
  /** tpmvscmgr /PUK: absent = no PUK (unblock only with the admin key) */
  readonly puk?: 'default' | 'prompt';
  /** tpmvscmgr /generate: lay down the minidriver file system (the station needs it: default true) */
  readonly generate?: boolean;
}

export interface CreatedVirtualCard {
  /** e.g. ROOT\SMARTCARDREADER\0000: what destroy needs */
  readonly instanceId: string;
}

export interface VirtualCardManagerPort {
  create(request: CreateVirtualCardRequest): Promise<CreatedVirtualCard>;
  destroy(instanceId: string): Promise<void>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
/** tpmvscmgr documents instance ids as ROOT\SMARTCARDREADER\000n. */
const INSTANCE_ID = /^ROOT\\SMARTCARDREADER\\\d{4}$/;

/** Throws VSC_REQUEST_INVALID for anything but a well-formed create request; returns a clean copy. */
export function validateCreateRequest(raw: unknown): CreateVirtualCardRequest {
  const bad = (field: string): never => {
    throw new StationError('VSC_REQUEST_INVALID', { field });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('request');
  const r = raw as Record<string, unknown>;
  const allowed = new Set(['name', 'pin', 'adminKey', 'puk', 'generate']);
  for (const key of Object.keys(r)) if (!allowed.has(key)) bad(key);
  if (typeof r.name !== 'string' || !NAME.test(r.name) || r.name.trim() !== r.name) bad('name');
  if (r.pin !== 'default' && r.pin !== 'prompt') bad('pin');
  if (r.adminKey !== 'default' && r.adminKey !== 'random') bad('adminKey');
  if (r.puk !== undefined && r.puk !== 'default' && r.puk !== 'prompt') bad('puk');
  if (r.generate !== undefined && typeof r.generate !== 'boolean') bad('generate');
  return {
    name: r.name as string,
    pin: r.pin as 'default' | 'prompt',
    adminKey: r.adminKey as 'default' | 'random',
    ...(r.puk !== undefined ? { puk: r.puk as 'default' | 'prompt' } : {}),
    generate: (r.generate as boolean | undefined) ?? true,
  };
}

export function validateInstanceId(raw: unknown): string {
  if (typeof raw !== 'string' || !INSTANCE_ID.test(raw)) {
    throw new StationError('VSC_REQUEST_INVALID', { field: 'instanceId' });
  }
  return raw;
}

/** tpmvscmgr arguments for a validated request: fixed words, nothing from the caller but the name. */
export function createArguments(request: CreateVirtualCardRequest): string[] {
  const args = [
    'create',
    '/name',
    request.name,
    '/AdminKey',
    request.adminKey.toUpperCase(),
    '/PIN',
    request.pin.toUpperCase(),
  ];
  if (request.puk !== undefined) args.push('/PUK', request.puk.toUpperCase());
  if (request.generate ?? true) args.push('/generate');
  return args;
}

export function destroyArguments(instanceId: string): string[] {
  return ['destroy', '/instance', validateInstanceId(instanceId)];
}
