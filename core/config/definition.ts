// The station's configuration, defined once. The validator (config.ts), docs/station.schema.json
// and docs/station.example.jsonc are all derived from this file; `node scripts/config-docs.ts`
// regenerates the two documents and a test fails when they are out of date.
import { PIV_PIN_POLICY } from '../enrollment/pin-policy.ts';
import { int, obj, oneOf, opt, req, str, union } from './schema.ts';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const envName = 'an environment variable name (capitals, digits, underscores)';
const TEMPLATE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What each card edge can store as a PIN. The PIN policy is refused at start-up when it asks for
 * more than the edge holds (a 10-digit PIN is accepted by the kiosk, the certificate is issued,
 * and then the card refuses the PIN change).
 */
export const CARD_EDGE_PIN_LENGTHS = {
  piv: { min: PIV_PIN_POLICY.minLength, max: PIV_PIN_POLICY.maxLength },
} as const;
const PIN_MIN = Math.min(...Object.values(CARD_EDGE_PIN_LENGTHS).map((l) => l.min));
const PIN_MAX = Math.max(...Object.values(CARD_EDGE_PIN_LENGTHS).map((l) => l.max));
const PIN_RANGE = Object.entries(CARD_EDGE_PIN_LENGTHS)
  .map(([edge, l]) => `a ${edge.toUpperCase()} card stores PINs of ${l.min} to ${l.max} characters`)
  .join('; ');

export const stationDefinition = obj(
  "The enrollment station's configuration. Secrets are never stored here.",
  {
    stationId: req(
      str({
        description: "This station's name in the enrollment log and in the central copy of the log.",
        pattern: /^[A-Za-z0-9._-]{1,64}$/,
        patternHint: '1 to 64 letters, digits, dots, underscores or hyphens',
        example: 'kiosk-1',
      }),
    ),
    dataDir: req(
      str({
        description:
          "The station's own folder (journals, locks, request ledger, key store, enrollment log). Relative paths resolve against the configuration file's folder. It must be a real folder owned by the station's user with mode 0700; a missing one is created so.",
        example: '/var/lib/enrollment-station',
      }),
    ),
    ca: req(
      obj('The certification authority (AD CS web enrollment, /certsrv).', {
        url: req(
          str({
            description: 'The /certsrv/ address; https only (web enrollment is never used over plain HTTP).',
            pattern: /^[hH][tT][tT][pP][sS]:\/\//,
            patternHint: 'an https:// URL (web enrollment is never used over plain HTTP)',
            example: 'https://ca.corp.example/certsrv/',
          }),
        ),
        caBundleFile: req(
          str({
            description:
              'PEM file with the CA certificates that verify the web server and the issued certificates.',
            example: 'ca-bundle.pem',
          }),
        ),
        auth: req(
          union(
            'kind',
            'How the station signs in to the web enrollment pages. Passwords come from the environment variable named here, never from this file.',
            {
              basic: obj('HTTP Basic over TLS.', {
                username: req(
                  str({
                    description: 'The account, e.g. CORP\\kiosk.',
                    pattern: /^[^\s:]{1,256}$/,
                    patternHint: 'an account name without spaces or colons',
                    example: 'CORP\\kiosk',
                  }),
                ),
                passwordEnv: req(
                  str({
                    description: 'Environment variable holding the password.',
                    pattern: ENV_NAME,
                    patternHint: envName,
                    example: 'CA_PASSWORD',
                  }),
                ),
              }),
              ntlm: obj('NTLMv2 (with channel binding when the server asks for it).', {
                username: req(
                  str({
                    description:
                      'DOMAIN\\user or user@dns.domain: NTLM needs the domain that verifies the account.',
                    pattern: /^([^\s\\/:@]{1,255}\\[^\s\\/:@]{1,256}|[^\s\\/:@]{1,256}@[^\s\\/:@]{1,255})$/,
                    patternHint: 'DOMAIN\\user or user@dns.domain',
                  }),
                ),
                passwordEnv: req(
                  str({
                    description: 'Environment variable holding the password.',
                    pattern: ENV_NAME,
                    patternHint: envName,
                  }),
                ),
              }),
              'client-certificate': obj('A TLS client certificate.', {
                certFile: req(str({ description: 'PEM certificate file.' })),
                keyFile: req(str({ description: 'PEM private key file (readable by the station only).' })),
              }),
            },
            'basic',
          ),
        ),
        template: req(
          str({
            description: "Certificate template for the holders' certificates.",
            pattern: TEMPLATE,
            patternHint: '1 to 64 letters, digits, underscores or hyphens',
            default: 'SmartcardUser',
          }),
        ),
        agentTemplate: req(
          str({
            description: "Certificate template of the operators' Enrollment Agent certificates.",
            pattern: TEMPLATE,
            patternHint: '1 to 64 letters, digits, underscores or hyphens',
            default: 'EnrollmentAgent',
          }),
        ),
        submitTimeoutMs: req(
          int({
            description: "How long to wait for the CA's answer to a submission, in milliseconds.",
            minimum: 1000,
            maximum: 600_000,
            default: 60_000,
          }),
        ),
        maxClockSkewSeconds: req(
          int({
            description:
              "Largest difference between the station's clock and the CA's that is accepted, in seconds.",
            minimum: 1,
            maximum: 86_400,
            default: 300,
          }),
        ),
      }),
    ),
    card: req(
      obj('The cards the station enrolls.', {
        keyAlgorithm: req(
          oneOf(['RSA', 'EC-P256', 'EC-P384'], { description: 'Key generated on the card.', default: 'RSA' }),
        ),
        transportPin: req(
          str({
            description: 'The PIN blank cards arrive with (not a secret, but handled as one).',
            pattern: /^[0-9]{6,8}$/,
            patternHint: '6 to 8 digits',
            default: '12345678',
          }),
        ),
        factoryPin: req(
          str({
            description:
              "The vendor's factory PIN (YubiKey-class cards: 123456), told apart from the transport PIN with the card's metadata so a card still on it is refused without spending a try.",
            pattern: /^[0-9]{6,8}$/,
            patternHint: '6 to 8 digits',
            default: '123456',
          }),
        ),
        transportPuk: req(
          str({
            description: 'The PUK blank cards arrive with; replaced by a random one at issuance.',
            pattern: /^[0-9]{6,8}$/,
            patternHint: '6 to 8 digits',
            default: '12345678',
          }),
        ),
        factoryManagementKey: req(
          str({
            description: 'The factory management key of blank cards, hex (16, 24 or 32 bytes).',
            pattern: /^([0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/,
            patternHint: '32, 48 or 64 hex digits',
            default: '010203040506070801020304050607080102030405060708',
          }),
        ),
        managementKeyStorage: req(
          oneOf(['discard', 'encrypted-file'], {
            description:
              'What happens to each card\'s new random management key and PUK: "discard" keeps them nowhere (re-issue then needs a card reset); "encrypted-file" seals them under the station\'s key-encryption key in the data folder.',
            default: 'encrypted-file',
          }),
        ),
        targetReader: opt(
          str({
            description: 'Name of the reader holding the card to enroll (default: the first with a card).',
            example: 'Yubico YubiKey OTP+FIDO+CCID 00 00',
          }),
        ),
        agentReader: opt(
          str({
            description: "Name of the reader holding the operator's Enrollment Agent card.",
            example: 'Yubico YubiKey OTP+FIDO+CCID 01 00',
          }),
        ),
      }),
    ),
    pinPolicy: req(
      obj(
        `The holder's new PIN. Refused at start-up when the card edge cannot store it (PIV: ${CARD_EDGE_PIN_LENGTHS.piv.min} to ${CARD_EDGE_PIN_LENGTHS.piv.max} characters).`,
        {
          minLength: req(
            int({
              description: 'Fewest characters.',
              minimum: PIN_MIN,
              maximum: PIN_MAX,
              rangeHint: PIN_RANGE,
              default: PIV_PIN_POLICY.minLength,
            }),
          ),
          maxLength: req(
            int({
              description: 'Most characters; not less than minLength.',
              minimum: PIN_MIN,
              maximum: PIN_MAX,
              rangeHint: PIN_RANGE,
              default: PIV_PIN_POLICY.maxLength,
            }),
          ),
        },
      ),
    ),
    audit: req(
      obj('The tamper-evident enrollment log.', {
        checkpointEvery: req(
          int({
            description: 'Records between two signed checkpoints.',
            minimum: 1,
            maximum: 1_000_000,
            default: 100,
          }),
        ),
        postgresUrlEnv: opt(
          str({
            description:
              'Environment variable holding the PostgreSQL connection string of the central copy of the log.',
            pattern: ENV_NAME,
            patternHint: envName,
            example: 'STATION_AUDIT_PG_URL',
          }),
        ),
      }),
    ),
    auditor: opt(
      obj(
        'Who may open the auditor screens at the kiosk, and where their removable medium is. Without this section the auditor screens stay closed.',
        {
          certificateThumbprints: req(
            str({
              description:
                "SHA-256 thumbprints (hex, comma-separated) of the auditors' smart-card certificates. An auditor signs in with that card and its PIN; the card must also sign a fresh challenge with the certificate's key.",
              pattern: /^[0-9A-Fa-f]{64}(,[0-9A-Fa-f]{64}){0,99}$/,
              patternHint: 'one to 100 SHA-256 thumbprints (64 hex digits each), separated by commas',
              example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
            }),
          ),
          mediaFolder: req(
            str({
              description:
                "The folder where the auditor's removable medium is mounted (the kiosk has no file chooser): the pinned checkpoint public keys (*.pem) are read from it and exports are written to it. Relative paths resolve against the configuration file's folder.",
              example: '/media/auditor',
            }),
          ),
        },
      ),
    ),
  },
);
