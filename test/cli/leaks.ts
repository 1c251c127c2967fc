// What of a translated screen is still English: the words left once codes, names and numbers are
// taken out. Names are what the station shows as they are in every language: reader names, the
// directory's accounts and UPNs, template names, URLs and paths, acronyms (PIV, CA, ReqID…) and the
// product names a resolution tells the operator to look for.
const NAMES = [
  'pcscd',
  'Linux',
  'Windows',
  'Active Directory',
  'Smart Card',
  'station',
  'recover',
  'audit verify',
  'audit forward',
  'change-pin',
  'diagnose',
  'enroll',
  'status',
  'help',
  'OpenSC',
  'CertSrv',
  'ReqID',
  'NTLMv',
  'resync',
  'w32tm',
  'sha256',
  'demo',
];

export function englishLeft(screen: string, names: readonly string[]): string[] {
  // URLs and paths first: a name inside a path ("station" in /tmp/station-demo-…/) would split it
  let s = screen.replace(/https?:\/\/\S+/g, ' ').replace(/(^|\s|["“「(（])(\.{0,2}\/[^\s"”」)）]+)/g, '$1 ');
  for (const n of [...names, ...NAMES].sort((a, b) => b.length - a.length)) s = s.split(n).join(' ');
  s = s
    .replace(/\S+@\S+/g, ' ')
    .replace(/[A-Z]+\\\S+/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\b[0-9a-f]{8,}\b/gi, ' ')
    .replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ')
    .replace(/\b(Ctrl-C|Ctrl-D)\b/g, ' ');
  return [...s.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]);
}
