// The enrollment workflow's own refusals and the station's state files (core/enrollment): each
// says what was NOT changed, because an operator reads these while deciding what to do next.
import { e } from '../entry.ts';

export const WORKFLOW = {
  STATE_UNSAFE: e(
    [
      'A file or folder the station keeps its state in is unsafe or damaged.',
      'Have IT check the file named (owner, permissions, not a link, contents) before enrolling; no card was touched.',
    ],
    [
      '스테이션이 상태를 보관하는 파일 또는 폴더가 안전하지 않거나 손상되었습니다.',
      '등록하기 전에 IT 담당자가 표시된 파일(소유자, 권한, 링크 여부, 내용)을 확인하게 하십시오. 카드는 건드리지 않았습니다.',
    ],
    [
      '工作站保存状态的文件或文件夹不安全或已损坏。',
      '注册前请 IT 检查所指出的文件（所有者、权限、是否为链接、内容）；未动过任何卡片。',
    ],
    [
      '工作站儲存狀態的檔案或資料夾不安全或已損毀。',
      '註冊前請 IT 檢查所指出的檔案（擁有者、權限、是否為連結、內容）；未動過任何卡片。',
    ],
  ),
  TRANSPORT_PIN_WRONG: e(
    [
      'The card refused the transport PIN configured for this station.',
      'Check card.transportPin in the station configuration against the PIN your cards are delivered with; the card was not changed. Tries left are shown below.',
    ],
    [
      '카드가 이 스테이션에 구성된 전송 PIN을 거부했습니다.',
      '스테이션 구성의 card.transportPin이 카드가 배송될 때의 PIN과 같은지 확인하십시오. 카드는 변경되지 않았습니다. 남은 시도 횟수는 아래에 표시됩니다.',
    ],
    [
      '卡片拒绝了本工作站配置的运输 PIN。',
      '核对工作站配置中的 card.transportPin 与卡片交付时的 PIN 是否一致；卡片未被更改。剩余尝试次数见下方。',
    ],
    [
      '卡片拒絕了本工作站設定的運送 PIN。',
      '核對工作站設定中的 card.transportPin 與卡片交付時的 PIN 是否一致；卡片未被變更。剩餘嘗試次數見下方。',
    ],
  ),
  FACTORY_PIN_SET: e(
    [
      "The card still has its vendor's factory default PIN, not your organisation's transport PIN.",
      'Set the transport PIN on new cards before issuing them (your card preparation procedure), or configure card.transportPin to match; no try was spent.',
    ],
    [
      '카드에 조직의 전송 PIN이 아니라 제조사의 공장 기본 PIN이 아직 설정되어 있습니다.',
      '카드를 발급하기 전에 새 카드에 전송 PIN을 설정하거나(카드 준비 절차), card.transportPin을 그에 맞게 구성하십시오. 시도 횟수는 소모되지 않았습니다.',
    ],
    [
      '卡片仍是厂商的出厂默认 PIN，而不是贵组织的运输 PIN。',
      '发卡前先为新卡设置运输 PIN（按卡片准备流程），或将 card.transportPin 配置为与之一致；未消耗尝试次数。',
    ],
    [
      '卡片仍是廠商的出廠預設 PIN，而非貴組織的運送 PIN。',
      '發卡前先為新卡設定運送 PIN（依卡片準備程序），或將 card.transportPin 設定為與之一致；未消耗嘗試次數。',
    ],
  ),
  CARD_BUSY: e(
    [
      'Another enrollment is using this card right now.',
      'Wait until the other enrollment on this card has finished, then try again.',
    ],
    [
      '다른 등록 작업이 지금 이 카드를 사용하고 있습니다.',
      '이 카드의 다른 등록이 끝날 때까지 기다린 후 다시 시도하십시오.',
    ],
    ['另一个注册正在使用此卡片。', '等此卡片上的另一个注册完成后再试。'],
    ['另一個註冊正在使用此卡片。', '等此卡片上的另一個註冊完成後再試。'],
  ),
  ISSUED_NOT_FINISHED: e(
    [
      'The CA issued a certificate, but the station could not finish the card, so it destroyed the key on the card.',
      'Ask the CA administrators to revoke the certificate with the serial number shown (request ID below), then enroll the card again.',
    ],
    [
      'CA가 인증서를 발급했지만 스테이션이 카드를 완료할 수 없어 카드의 키를 파기했습니다.',
      'CA 관리자에게 아래 일련 번호(요청 ID 포함)의 인증서를 해지해 달라고 요청한 후 카드를 다시 등록하십시오.',
    ],
    [
      'CA 已签发证书，但工作站无法完成此卡片，因此销毁了卡片上的密钥。',
      '请 CA 管理员吊销所显示序列号（请求 ID 见下方）的证书，然后重新注册此卡片。',
    ],
    [
      'CA 已簽發憑證，但工作站無法完成此卡片，因此銷毀了卡片上的金鑰。',
      '請 CA 管理員撤銷所顯示序號（要求識別碼見下方）的憑證，然後重新註冊此卡片。',
    ],
  ),
} as const;
