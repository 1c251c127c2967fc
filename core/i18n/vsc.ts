// The words of `station self-enroll` and `station verify-vsc` (TPM virtual smart cards): the name of
// each verification check, its outcome, and the self-enrollment's result lines. A failed check's
// message and resolution are the error catalog's (core/errors/entries/windows-vsc.ts).
import { m } from './message.ts';

export const VSC_WORDS = {
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
  'prompt.employeePassword': m(
    'Password of {account}',
    '{account}의 암호',
    '{account} 的密码',
    '{account} 的密碼',
  ),
  'prompt.holderPin': m('PIN of the card', '카드 PIN', '卡片 PIN', '卡片 PIN'),
} as const;
