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
      '등록하기 전에 IT 담당자에게 표시된 파일(소유자, 권한, 링크 여부, 내용)을 확인하도록 요청하십시오. 카드에는 아무 작업도 하지 않았습니다.',
    ],
    [
      '工作站保存状态的文件或文件夹不安全或已损坏。',
      '注册前请 IT 人员检查所指出的文件（所有者、权限、是否为链接、内容）；未对任何卡片进行操作。',
    ],
    [
      '工作站儲存狀態的檔案或資料夾不安全或已損毀。',
      '註冊前請 IT 人員檢查所指出的檔案（擁有者、權限、是否為連結、內容）；未對任何卡片進行操作。',
    ],
  ),
  TRANSPORT_PIN_WRONG: e(
    [
      'The card refused the transport PIN configured for this station.',
      'Check card.transportPin in the station configuration against the PIN your cards are delivered with; the card was not changed. Tries left are shown below.',
    ],
    [
      '카드가 이 스테이션에 설정된 초기 PIN을 거부했습니다.',
      '스테이션 설정의 card.transportPin이 카드가 납품될 때 설정된 PIN과 같은지 확인하십시오. 카드는 변경되지 않았습니다. 남은 시도 횟수는 아래에 표시됩니다.',
    ],
    [
      '卡片拒绝了本工作站配置的初始 PIN。',
      '请核对工作站配置中的 card.transportPin 与卡片交付时的 PIN 是否一致；卡片未被更改。剩余尝试次数见下方。',
    ],
    [
      '卡片拒絕了本工作站設定的初始 PIN。',
      '請核對工作站設定中的 card.transportPin 與卡片交付時的 PIN 是否一致；卡片未被變更。剩餘嘗試次數見下方。',
    ],
  ),
  FACTORY_PIN_SET: e(
    [
      "The card still has its vendor's factory default PIN, not your organisation's transport PIN.",
      'Set the transport PIN on new cards before issuing them (your card preparation procedure), or configure card.transportPin to match; no try was spent.',
    ],
    [
      '카드에 조직의 초기 PIN이 아니라 제조사의 공장 기본 PIN이 아직 설정되어 있습니다.',
      '카드를 발급하기 전에 새 카드에 초기 PIN을 설정하거나(조직의 카드 준비 절차), card.transportPin을 그에 맞게 설정하십시오. 시도 횟수는 소모되지 않았습니다.',
    ],
    [
      '卡片仍使用厂商的出厂默认 PIN，而不是贵组织的初始 PIN。',
      '发卡前请先为新卡设置初始 PIN（按贵组织的卡片准备流程），或将 card.transportPin 配置为与之一致；未消耗尝试次数。',
    ],
    [
      '卡片仍使用廠商的出廠預設 PIN，而非貴組織的初始 PIN。',
      '發卡前請先為新卡設定初始 PIN（依貴組織的卡片準備程序），或將 card.transportPin 設定為與之一致；未消耗嘗試次數。',
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
    ['另一个注册正在使用此卡片。', '请等待此卡片上的另一个注册完成后再试。'],
    ['另一個註冊正在使用此卡片。', '請等待此卡片上的另一個註冊完成後再試。'],
  ),
  ISSUED_NOT_FINISHED: e(
    [
      'The CA issued a certificate, but the station could not finish the card, so it destroyed the key on the card.',
      'Ask the CA administrators to revoke the certificate with the serial number shown (request ID below), then enroll the card again.',
    ],
    [
      'CA가 인증서를 발급했지만 스테이션이 카드 준비를 마치지 못해 카드의 키를 파기했습니다.',
      'CA 관리자에게 표시된 일련 번호의 인증서(요청 ID는 아래 참조)를 해지하도록 요청한 후 카드를 다시 등록하십시오.',
    ],
    [
      'CA 已签发证书，但工作站未能完成卡片的设置，因此销毁了卡片上的密钥。',
      '请 CA 管理员吊销所显示序列号的证书（申请 ID 见下方），然后重新注册此卡片。',
    ],
    [
      'CA 已簽發憑證，但工作站未能完成卡片的設定，因此銷毀了卡片上的金鑰。',
      '請 CA 系統管理員撤銷所顯示序號的憑證（要求識別碼見下方），然後重新註冊此卡片。',
    ],
  ),
  REISSUE_NOT_FINISHED: e(
    [
      "The re-issue stopped after the new key had replaced the holder's old one, so the old certificate no longer matched any key: the station removed it, and the card holds no certificate now.",
      'Fix what stopped the re-issue (the cause is shown below), then re-issue the card again (the station sets its PIN back with the PUK it holds). Ask the CA administrators to revoke the old certificate with the serial number shown.',
    ],
    [
      '새 키가 카드 소지자의 이전 키를 대체한 뒤에 재발급이 중단되었습니다. 이전 인증서와 일치하는 키가 더 이상 없으므로 스테이션이 이전 인증서를 제거했으며, 이제 카드에는 인증서가 없습니다.',
      '재발급을 중단시킨 원인(아래 표시)을 해결한 후 카드를 다시 재발급하십시오(스테이션이 보관 중인 PUK로 PIN을 되돌립니다). CA 관리자에게 표시된 일련 번호의 이전 인증서를 해지하도록 요청하십시오.',
    ],
    [
      '重新发卡在新密钥替换持卡人的旧密钥之后中止，旧证书已不再对应任何密钥，因此工作站将其移除；卡片上现在没有证书。',
      '请先解决导致重新发卡中止的原因（见下方），然后再次为此卡片重新发卡（工作站会用其保管的 PUK 重置 PIN）。请 CA 管理员吊销所显示序列号的旧证书。',
    ],
    [
      '重新發卡在新金鑰取代持卡人的舊金鑰之後中止，舊憑證已不再對應任何金鑰，因此工作站將其移除；卡片上現在沒有憑證。',
      '請先解決導致重新發卡中止的原因（見下方），然後再次為此卡片重新發卡（工作站會用其保管的 PUK 重設 PIN）。請 CA 系統管理員撤銷所顯示序號的舊憑證。',
    ],
  ),
} as const;
