// Progress-step labels, keyed by the step id of the step table (core/enrollment/steps.ts). A person sees "Generating the key on the card", not "keygen".
import { m } from './message.ts';

export const STEP_LABELS = {
  'step.identify': m('Reading the card', '카드를 읽는 중', '正在读取卡片', '正在讀取卡片'),
  'step.agent': m(
    "Checking the operator's Enrollment Agent card",
    '운영자의 등록 에이전트 카드를 확인하는 중',
    '正在检查操作员的注册代理卡',
    '正在檢查操作員的註冊代理程式卡',
  ),
  'step.admin': m(
    'Unlocking the card for setup (management key)',
    '설정을 위해 카드 잠금을 해제하는 중(관리 키)',
    '正在解锁卡片以进行设置（管理密钥）',
    '正在解鎖卡片以進行設定（管理金鑰）',
  ),
  'step.keygen': m(
    'Generating the key on the card',
    '카드에서 키를 생성하는 중',
    '正在卡片上生成密钥',
    '正在卡片上產生金鑰',
  ),
  'step.csr': m(
    'Signing the certificate request on the card',
    '카드에서 인증서 요청에 서명하는 중',
    '正在卡片上签署证书申请',
    '正在卡片上簽署憑證要求',
  ),
  'step.wrap': m(
    'Signing the request on behalf of the cardholder (operator card)',
    '카드 소지자를 대신해 요청에 서명하는 중(운영자 카드)',
    '正在代表持卡人签署申请（操作员卡）',
    '正在代表持卡人簽署要求（操作員卡）',
  ),
  'step.submit': m(
    'Sending the request to the certification authority',
    '인증 기관에 요청을 보내는 중',
    '正在向证书颁发机构发送申请',
    '正在向憑證授權單位傳送要求',
  ),
  'step.check': m(
    'Checking the issued certificate',
    '발급된 인증서를 확인하는 중',
    '正在检查签发的证书',
    '正在檢查簽發的憑證',
  ),
  'step.write': m(
    'Writing the certificate to the card',
    '카드에 인증서를 기록하는 중',
    '正在将证书写入卡片',
    '正在將憑證寫入卡片',
  ),
  'step.admin-key': m(
    "Replacing the card's management key",
    '카드의 관리 키를 교체하는 중',
    '正在更换卡片的管理密钥',
    '正在更換卡片的管理金鑰',
  ),
  'step.pin-check': m(
    'Checking the transport PIN without spending a try where the card allows',
    '가능한 경우 시도 횟수를 소모하지 않고 초기 PIN을 확인하는 중',
    '正在检查初始 PIN（卡片允许时不消耗尝试次数）',
    '正在檢查初始 PIN（卡片允許時不消耗嘗試次數）',
  ),
  'step.assign-id': m(
    'Giving the card its identifier (the card has no serial number)',
    '카드에 식별자를 부여하는 중(카드에 일련 번호가 없음)',
    '正在为卡片分配标识符（卡片没有序列号）',
    '正在為卡片指派識別碼（卡片沒有序號）',
  ),
  'step.personalise': m(
    "Writing the card's identifiers (CHUID and CCC)",
    '카드 식별자(CHUID 및 CCC)를 기록하는 중',
    '正在写入卡片标识符（CHUID 和 CCC）',
    '正在寫入卡片識別碼（CHUID 和 CCC）',
  ),
  'step.reissue-reset': m(
    'Resetting the PIN with the PUK the station holds, for the re-issue',
    '재발급을 위해 스테이션이 보관한 PUK로 PIN을 재설정하는 중',
    '正在用工作站保管的 PUK 重置 PIN 以便重新发卡',
    '正在用工作站保管的 PUK 重設 PIN 以便重新發卡',
  ),
  'step.puk': m(
    "Replacing the card's PUK",
    '카드의 PUK를 교체하는 중',
    '正在更换卡片的 PUK',
    '正在更換卡片的 PUK',
  ),
  'step.pin-change': m(
    "Setting the cardholder's new PIN",
    '카드 소지자의 새 PIN을 설정하는 중',
    '正在设置持卡人的新 PIN',
    '正在設定持卡人的新 PIN',
  ),
  'step.proof': m(
    'Proving the card holds the key of its certificate',
    '카드가 인증서의 키를 보유하고 있는지 증명하는 중',
    '正在证明卡片持有证书对应的密钥',
    '正在證明卡片持有憑證對應的金鑰',
  ),
  'step.done': m('Done', '완료', '完成', '完成'),
} as const;
