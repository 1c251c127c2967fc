// The words of `station self-enroll` and `station verify-vsc` (TPM virtual smart cards): the name of
// each verification check, its outcome, and the self-enrollment's result lines. A failed check's
// message and resolution are the error catalog's (core/errors/entries/windows-vsc.ts).
import { m } from './message.ts';

const SELF_ENROLL = `station self-enroll [--config FILE] --user DOMAIN\\user --upn UPN [--email E]
                    [--reader NAME] [--create]`;
const VERIFY_VSC = 'station verify-vsc [--config FILE] [--reader NAME] [--upn UPN]';
const usage = (synopsis: string, en: string, ko: string, hans: string, hant: string) =>
  m(`${synopsis}\n${en}`, `${synopsis}\n${ko}`, `${synopsis}\n${hans}`, `${synopsis}\n${hant}`);

export const VSC_WORDS = {
  'help.summary.self-enroll': m(
    'the employee enrolls their own TPM virtual smart card (or blank card), signed in as themselves',
    '직원이 본인 계정으로 로그인하여 자신의 TPM 가상 스마트 카드(또는 빈 카드)를 등록합니다',
    '员工以自己的账户登录，注册自己的 TPM 虚拟智能卡（或空白卡）',
    '員工以自己的帳戶登入，註冊自己的 TPM 虛擬智慧卡（或空白卡）',
  ),
  'help.usage.self-enroll': usage(
    SELF_ENROLL,
    `  Checks Windows (8 or later) and the TPM, creates a TPM virtual smart card with --create (through
  the elevated helper), signs in to the CA as DOMAIN\\user and enrolls the card for the configured
  template without an Enrollment Agent. Standard input: the account's password (unless the
  configured CA account is this user and its password variable is set), then the new PIN twice;
  the card leaves the default PIN 12345678 before it counts as enrolled.
  --create         make a new TPM virtual smart card first
  --reader NAME    the card's reader (default: the card just created, or the one card present)`,
    `  Windows(8 이상)와 TPM을 확인하고, --create이면 권한 상승 도우미로 TPM 가상 스마트 카드를 만들고,
  DOMAIN\\user로 CA에 로그인하여 등록 에이전트 없이 구성된 템플릿으로 카드를 등록합니다. 표준 입력:
  계정 암호(구성된 CA 계정이 이 사용자이고 암호 변수가 설정된 경우 제외), 그다음 새 PIN 두 번.
  카드는 기본 PIN 12345678에서 벗어나야 등록된 것으로 간주됩니다.
  --create         먼저 새 TPM 가상 스마트 카드를 만듭니다
  --reader NAME    카드 리더(기본값: 방금 만든 카드 또는 꽂혀 있는 유일한 카드)`,
    `  检查 Windows（8 或更高）和 TPM；使用 --create 时通过提权助手创建 TPM 虚拟智能卡；以 DOMAIN\\user
  登录 CA，不经注册代理按配置的模板注册此卡。标准输入：账户密码（若配置的 CA 账户就是此用户且已设置
  密码变量则不需要），然后两次输入新 PIN；卡片离开默认 PIN 12345678 后才算注册完成。
  --create         先创建新的 TPM 虚拟智能卡
  --reader NAME    卡片的读卡器（默认：刚创建的卡，或唯一插入的卡）`,
    `  檢查 Windows（8 或更新）和 TPM；使用 --create 時透過提權協助程式建立 TPM 虛擬智慧卡；以 DOMAIN\\user
  登入 CA，不經註冊代理依設定的範本註冊此卡。標準輸入：帳戶密碼（若設定的 CA 帳戶就是此使用者且已設定
  密碼變數則不需要），然後兩次輸入新 PIN；卡片離開預設 PIN 12345678 後才算註冊完成。
  --create         先建立新的 TPM 虛擬智慧卡
  --reader NAME    卡片的讀卡機（預設：剛建立的卡，或唯一插入的卡）`,
  ),
  'help.summary.verify-vsc': m(
    'check a TPM virtual smart card: platform, reader, GIDS, key, certificate, PIN, signature',
    'TPM 가상 스마트 카드 확인: 플랫폼, 리더, GIDS, 키, 인증서, PIN, 서명',
    '检查 TPM 虚拟智能卡：平台、读卡器、GIDS、密钥、证书、PIN、签名',
    '檢查 TPM 虛擬智慧卡：平台、讀卡機、GIDS、金鑰、憑證、PIN、簽章',
  ),
  'help.usage.verify-vsc': usage(
    VERIFY_VSC,
    `  Each check passed, or what to do: Windows 8+, TPM present/ready/owned, a TPM virtual smart card
  reader (not physical, not Windows Hello), GIDS answers, a key in the default container, its
  certificate (same key, chains to the CA, Smart Card Logon, the UPN), the PIN changed (from the
  station's records: the default PIN is never tried), and a signature with the holder's PIN from
  standard input (none given: that check is skipped). Exit 0 when every check passed.`,
    `  각 검사의 통과 여부 또는 조치 방법: Windows 8 이상, TPM 있음/준비됨/소유권, TPM 가상 스마트 카드 리더
  (실물 아님, Windows Hello 아님), GIDS 응답, 기본 컨테이너의 키, 그 인증서(같은 키, CA로 체인,
  스마트 카드 로그온, UPN), PIN 변경(스테이션 기록 기준: 기본 PIN을 시도하지 않음), 표준 입력의 소지자 PIN
  으로 서명(없으면 건너뜀). 모든 검사를 통과하면 종료 코드 0.`,
    `  每项检查通过与否或处理办法：Windows 8+、TPM 存在/就绪/已取得所有权、TPM 虚拟智能卡读卡器（非实体卡、
  非 Windows Hello）、GIDS 响应、默认容器中的密钥、其证书（同一密钥、链接到 CA、智能卡登录、UPN）、
  PIN 已更改（依工作站记录，从不尝试默认 PIN），以及用标准输入的持卡人 PIN 签名（未提供则跳过）。
  全部通过时退出代码为 0。`,
    `  每項檢查通過與否或處理辦法：Windows 8+、TPM 存在/就緒/已取得擁有權、TPM 虛擬智慧卡讀卡機（非實體卡、
  非 Windows Hello）、GIDS 回應、預設容器中的金鑰、其憑證（同一金鑰、鏈結到 CA、智慧卡登入、UPN）、
  PIN 已變更（依工作站記錄，從不嘗試預設 PIN），以及用標準輸入的持卡人 PIN 簽章（未提供則略過）。
  全部通過時結束代碼為 0。`,
  ),
  'vsc.check.windows': m(
    'Windows 8 or later',
    'Windows 8 이상',
    'Windows 8 或更高版本',
    'Windows 8 或更新版本',
  ),
  'vsc.check.tpm': m(
    'TPM present, ready and owned',
    'TPM 있음, 준비됨, 소유권 설정됨',
    'TPM 存在、就绪且已取得所有权',
    'TPM 存在、就緒且已取得擁有權',
  ),
  'vsc.check.reader': m(
    'the reader is a TPM virtual smart card',
    '리더가 TPM 가상 스마트 카드임',
    '读卡器是 TPM 虚拟智能卡',
    '讀卡機是 TPM 虛擬智慧卡',
  ),
  'vsc.check.gids': m(
    'the card answers the GIDS selection',
    '카드가 GIDS 선택에 응답함',
    '卡片响应 GIDS 选择',
    '卡片回應 GIDS 選擇',
  ),
  'vsc.check.key': m(
    'the default container holds a key',
    '기본 컨테이너에 키가 있음',
    '默认容器中有密钥',
    '預設容器中有金鑰',
  ),
  'vsc.check.certificate': m(
    'the certificate is for that key, chains to the CA, has Smart Card Logon and the UPN',
    '인증서가 그 키에 대한 것이고 CA로 체인되며 스마트 카드 로그온과 UPN이 있음',
    '证书对应该密钥、链接到 CA、含智能卡登录和 UPN',
    '憑證對應該金鑰、鏈結到 CA、含智慧卡登入和 UPN',
  ),
  'vsc.check.pin-changed': m(
    'the PIN is no longer the default (station records)',
    'PIN이 더 이상 기본값이 아님(스테이션 기록)',
    'PIN 已不是默认值（工作站记录）',
    'PIN 已不是預設值（工作站記錄）',
  ),
  'vsc.check.signature': m(
    'the card signs a fresh challenge with the holder\u2019s PIN',
    '카드가 소지자 PIN으로 새 챌린지에 서명함',
    '卡片用持卡人 PIN 对新挑战签名',
    '卡片用持卡人 PIN 對新挑戰簽章',
  ),
  'vsc.status.passed': m('passed', '통과', '通过', '通過'),
  'vsc.status.failed': m('FAILED', '실패', '未通过', '未通過'),
  'vsc.status.skipped': m('skipped', '건너뜀', '已跳过', '已略過'),
  'vsc.line': m('{status}: {check}', '{status}: {check}', '{status}：{check}', '{status}：{check}'),
  'vsc.verify.ok': m(
    'the virtual card in "{reader}" passed every check',
    '"{reader}"의 가상 카드가 모든 검사를 통과했습니다',
    '“{reader}”中的虚拟卡通过了全部检查',
    '「{reader}」中的虛擬卡通過了全部檢查',
  ),
  'vsc.verify.failed': m(
    'the virtual card in "{reader}" failed {count} check(s)',
    '"{reader}"의 가상 카드가 {count}개 검사에 실패했습니다',
    '“{reader}”中的虚拟卡有 {count} 项检查未通过',
    '「{reader}」中的虛擬卡有 {count} 項檢查未通過',
  ),
  'vsc.self.created': m(
    'virtual smart card created ({instance}) in "{reader}"',
    '가상 스마트 카드 생성됨({instance}), 리더 "{reader}"',
    '已在“{reader}”中创建虚拟智能卡（{instance}）',
    '已在「{reader}」中建立虛擬智慧卡（{instance}）',
  ),
} as const;
