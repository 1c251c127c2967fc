// Outputs of Windows tools as their documentation shows them, for the Linux fake. Each fixture
// names its source; where Microsoft documents no output (tpmvscmgr failures) the fixture says it
// is an assumption, and the code that reads it is written to fail safe (docs/windows-vsc.md).

// Win32_OperatingSystem through `Select-Object Version,BuildNumber,ProductType,Caption |
// ConvertTo-Json -Compress`. Version numbers: learn.microsoft.com/windows/win32/sysinfo/
// operating-system-version (Windows 8 and Server 2012 = 6.2, 8.1/2012 R2 = 6.3, 7/2008 R2 = 6.1,
// Vista = 6.0, 10/11/2016+ = 10.0). ProductType 1 = workstation, 2 = domain controller, 3 = server:
// learn.microsoft.com/windows/win32/cimwin32prov/win32-operatingsystem.
export const OS = {
  windows7: {
    Version: '6.1.7601',
    BuildNumber: '7601',
    ProductType: 1,
    Caption: 'Microsoft Windows 7 Enterprise',
  },
  vista: {
    Version: '6.0.6002',
    BuildNumber: '6002',
    ProductType: 1,
    Caption: 'Microsoft Windows Vista Business',
  },
  server2008r2: {
    Version: '6.1.7601',
    BuildNumber: '7601',
    ProductType: 3,
    Caption: 'Microsoft Windows Server 2008 R2 Standard',
  },
  windows8: {
    Version: '6.2.9200',
    BuildNumber: '9200',
    ProductType: 1,
    Caption: 'Microsoft Windows 8 Enterprise',
  },
  server2012: {
    Version: '6.2.9200',
    BuildNumber: '9200',
    ProductType: 3,
    Caption: 'Microsoft Windows Server 2012 Standard',
  },
  windows81: {
    Version: '6.3.9600',
    BuildNumber: '9600',
    ProductType: 1,
    Caption: 'Microsoft Windows 8.1 Pro',
  },
  windows10: {
    Version: '10.0.19045',
    BuildNumber: '19045',
    ProductType: 1,
    Caption: 'Microsoft Windows 10 Enterprise',
  },
  windows11: {
    Version: '10.0.22631',
    BuildNumber: '22631',
    ProductType: 1,
    Caption: 'Microsoft Windows 11 Enterprise',
  },
} as const;

// Get-Tpm's properties as learn.microsoft.com/powershell/module/trustedplatformmodule/get-tpm lists
// them (TpmPresent, TpmReady, TpmEnabled, TpmActivated, TpmOwned, RestartPending, ManufacturerId,
// ManufacturerIdTxt, ManufacturerVersion, ManagedAuthLevel, OwnerClearDisabled, AutoProvisioning,
// LockedOut, LockoutHealTime, LockoutCount, LockoutMax), combined with Win32_Tpm.SpecVersion in
// the form learn.microsoft.com/windows/win32/secprov/win32-tpm documents ("major.minor, revision,
// errata", its example "1.2, 2, 0"). The bad states flip one documented flag each.
const readyTpm = {
  TpmPresent: true,
  TpmReady: true,
  TpmEnabled: true,
  TpmActivated: true,
  TpmOwned: true,
  RestartPending: false,
  ManufacturerId: 1229346816,
  ManufacturerIdTxt: 'IFX',
  ManufacturerVersion: '7.63.3353.0',
  ManagedAuthLevel: 'Full',
  OwnerClearDisabled: true,
  AutoProvisioning: 'Enabled',
  LockedOut: false,
  LockoutHealTime: '10 minutes',
  LockoutCount: 0,
  LockoutMax: 31,
};
export const TPM = {
  ready20: { Tpm: readyTpm, SpecVersion: '2.0, 0, 1.38' },
  ready12: { Tpm: readyTpm, SpecVersion: '1.2, 2, 0' },
  absent: {
    Tpm: {
      ...readyTpm,
      TpmPresent: false,
      TpmReady: false,
      TpmEnabled: false,
      TpmActivated: false,
      TpmOwned: false,
    },
    SpecVersion: null,
  },
  disabled: {
    Tpm: { ...readyTpm, TpmReady: false, TpmEnabled: false, TpmActivated: false, TpmOwned: false },
    SpecVersion: '1.2, 2, 0',
  },
  notActivated: { Tpm: { ...readyTpm, TpmReady: false, TpmActivated: false }, SpecVersion: '1.2, 2, 0' },
  notOwned: { Tpm: { ...readyTpm, TpmReady: false, TpmOwned: false }, SpecVersion: '2.0, 0, 1.38' },
  notReady: { Tpm: { ...readyTpm, TpmReady: false }, SpecVersion: '2.0, 0, 1.38' },
  restartPending: {
    Tpm: { ...readyTpm, TpmReady: false, RestartPending: true },
    SpecVersion: '2.0, 0, 1.38',
  },
  lockedOut: { Tpm: { ...readyTpm, LockedOut: true, LockoutCount: 31 }, SpecVersion: '2.0, 0, 1.38' },
} as const;

// `tpmtool getdeviceinformation` (learn.microsoft.com/windows-server/administration/windows-commands/
// tpmtool lists the fields; the layout "-Name: Value", CRLF, lockout lines tab-indented is the one
// published test logs show).
export const TPMTOOL_READY = [
  '-TPM Present: True',
  '-TPM Version: 2.0',
  '-TPM Manufacturer ID: IFX',
  '-TPM Manufacturer Full Name: Infineon',
  '-TPM Manufacturer Version: 7.63.3353.0',
  '-PPI Version: 1.3',
  '-Is Initialized: True',
  '-Ready For Storage: True',
  '-Ready For Attestation: True',
  '-Is Capable For Attestation: True',
  '-Clear Needed To Recover: False',
  '-Clear Possible: True',
  '-TPM Has Vulnerable Firmware: False',
  '-Maintenance Task Complete: True',
  '-Bitlocker PCR7 Binding State: Bound',
  '-TPM Spec Version: 1.38',
  '-TPM Errata Date: Friday, December 18, 2015',
  '-PC Client Version: 1.03',
  '-Lockout Information:',
  '\t-Is Locked Out: False',
  '\t-Lockout Counter: 0',
  '\t-Max Auth Fail: 31',
  '\t-Lockout Interval: 600s',
  '\t-Lockout Recovery: 86400s',
  '',
].join('\r\n');

// tpmvscmgr create success: "TPM Smart Card created." and the instance id line (two independent
// published logs agree; the instance id format ROOT\SMARTCARDREADER\000n is from learn.microsoft.com
// /windows/security/identity-protection/virtual-smart-cards/virtual-smart-card-tpmvscmgr).
export function tpmvscmgrCreated(n: number): string {
  return [
    'Creating TPM Smart Card...',
    'Initializing the Virtual Smart Card component...',
    'Creating the Virtual Smart Card component...',
    'Initializing the Virtual Smart Card Simulator...',
    'Creating the Virtual Smart Card Simulator...',
    'Initializing the Virtual Smart Card Reader...',
    'Creating the Virtual Smart Card Reader...',
    'Waiting for TPM Smart Card Device...',
    'Authenticating to the TPM Smart Card...',
    'Generating filesystem on the TPM Smart Card...',
    'TPM Smart Card created.',
    `Smart Card Reader Device Instance ID = ROOT\\SMARTCARDREADER\\${String(n).padStart(4, '0')}`,
    '',
  ].join('\r\n');
}

// Failures: Microsoft documents neither tpmvscmgr's exit codes nor its error text. ASSUMPTION:
// it prints the failing HRESULT (as Windows command-line tools do) and exits non-zero. The
// HRESULT values are winerror.h's: E_ACCESSDENIED 0x80070005, ERROR_NOT_FOUND 0x80070490,
// TPM_E_* / TBS_E_* in facility 0x28. The reason texts paraphrase the documented
// TPMVSCMGR_ERROR descriptions (learn.microsoft.com/windows/win32/api/tpmvscmgr/ne-tpmvscmgr-tpmvscmgr_error).
export const TPMVSCMGR_FAILED = {
  accessDenied: 'Creating TPM Smart Card...\r\nAccess is denied. (0x80070005)\r\n',
  remoteSession: 'TPM virtual smart card management cannot be used within a Terminal Services session.\r\n',
  readerLimit: 'The limit of the number of smart card readers has been reached.\r\n',
  tpmNotReady: 'Creating TPM Smart Card...\r\nThe TPM Base Services are not running. (0x80284008)\r\n',
  destroyNotFound: 'Destroying TPM Smart Card...\r\nElement not found. (0x80070490)\r\n',
} as const;

// PowerShell Start-Process -Verb RunAs when the UAC prompt is declined: the cmdlet fails with
// "This operation was canceled by the user." (Win32 ERROR_CANCELLED 1223; learn.microsoft.com
// /windows/win32/debug/system-error-codes--1000-1299-).
export const UAC_DECLINED_STDERR =
  'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\r\n';

// The ATR pcsc-tools' smartcard_list.txt gives for "Microsoft Virtual Smart Card 0" (and for the
// Windows Hello for Business virtual reader).
export const VSC_ATR = Uint8Array.from(Buffer.from('3B8D0180FBA000000397425446590401CF', 'hex'));
// The MIM CM REST API documentation's example VSC ATR (GIDS version byte 03).
export const VSC_ATR_V3 = Uint8Array.from(Buffer.from('3B8D0180FBA000000397425446590301C8', 'hex'));
// A YubiKey 5 NFC's ATR (smartcard_list.txt), for a physical reader.
export const YUBIKEY_ATR = Uint8Array.from(
  Buffer.from('3BFD1300008131FE158073C021C057597562694B657940', 'hex'),
);
