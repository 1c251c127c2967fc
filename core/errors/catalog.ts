// Every failure the station shows a person has a stable code, a plain-language message and a
// resolution, in the four languages the kiosk ships (en, ko, zh-Hans, zh-Hant). Messages never
// carry secrets; details that help support (reader name, ReqID, HRESULT) travel separately.

export type Language = 'en' | 'ko' | 'zh-Hans' | 'zh-Hant';
export const LANGUAGES: readonly Language[] = ['en', 'ko', 'zh-Hans', 'zh-Hant'];

interface Text {
  readonly message: string;
  readonly resolution: string;
}
type Entry = Readonly<Record<Language, Text>>;

const t = (
  en: [string, string],
  ko: [string, string],
  hans: [string, string],
  hant: [string, string],
): Entry => ({
  en: { message: en[0], resolution: en[1] },
  ko: { message: ko[0], resolution: ko[1] },
  'zh-Hans': { message: hans[0], resolution: hans[1] },
  'zh-Hant': { message: hant[0], resolution: hant[1] },
});

export const CATALOG = {
  CARD_REMOVED: t(
    [
      'The card was removed during the operation.',
      'Insert the card again and restart; the station resumes or rolls back what was started.',
    ],
    [
      '작업 중에 카드가 제거되었습니다.',
      '카드를 다시 넣고 다시 시작하십시오. 스테이션이 진행 중이던 작업을 이어서 하거나 되돌립니다.',
    ],
    ['操作过程中卡片被拔出。', '重新插入卡片并重新开始；工作站会继续或回滚已开始的操作。'],
    ['操作過程中卡片被移除。', '重新插入卡片並重新開始；工作站會繼續或復原已開始的操作。'],
  ),
  PCSC_UNAVAILABLE: t(
    [
      'The smart-card service is not running.',
      'Start the smart-card service (pcscd on Linux, "Smart Card" on Windows) and try again.',
    ],
    [
      '스마트 카드 서비스가 실행되고 있지 않습니다.',
      '스마트 카드 서비스(Linux의 pcscd, Windows의 "Smart Card")를 시작한 후 다시 시도하십시오.',
    ],
    ['智能卡服务未运行。', '启动智能卡服务（Linux 上的 pcscd，Windows 上的“Smart Card”）后重试。'],
    ['智慧卡服務未執行。', '啟動智慧卡服務（Linux 上的 pcscd，Windows 上的「Smart Card」）後重試。'],
  ),
  NO_CARD: t(
    ['No card was found in the reader.', 'Insert the card fully into the reader named on the screen.'],
    ['리더기에서 카드를 찾을 수 없습니다.', '화면에 표시된 리더기에 카드를 끝까지 넣으십시오.'],
    ['读卡器中没有找到卡片。', '将卡片完全插入屏幕上显示的读卡器。'],
    ['讀卡機中找不到卡片。', '將卡片完全插入螢幕上顯示的讀卡機。'],
  ),
  UNSUPPORTED_CARD: t(
    [
      'This card is not a PIV card the station can enroll.',
      'Use a PIV-compatible card (for example a YubiKey) or ask IT which cards are supported.',
    ],
    [
      '이 카드는 스테이션이 발급할 수 있는 PIV 카드가 아닙니다.',
      'PIV 호환 카드(예: YubiKey)를 사용하거나 지원되는 카드를 IT 부서에 문의하십시오.',
    ],
    ['此卡不是工作站可以注册的 PIV 卡。', '请使用兼容 PIV 的卡（例如 YubiKey），或询问 IT 部门支持哪些卡。'],
    ['此卡不是工作站可以註冊的 PIV 卡。', '請使用相容 PIV 的卡（例如 YubiKey），或詢問 IT 部門支援哪些卡。'],
  ),
  REISSUE_NEEDS_RESET: t(
    [
      "The card's PIN was changed and this station does not hold the card's PUK.",
      'Ask the cardholder to unblock or reset the card at the station that issued it, or reset the PIV application (this erases the card) and enroll it as a blank card.',
    ],
    [
      '카드 PIN이 변경되었고 이 스테이션에는 카드의 PUK가 없습니다.',
      '카드를 발급한 스테이션에서 잠금 해제 또는 초기화하거나, PIV 애플리케이션을 초기화(카드 내용이 지워짐)한 후 빈 카드로 등록하십시오.',
    ],
    [
      '卡的 PIN 已被更改，而此工作站没有该卡的 PUK。',
      '请在签发此卡的工作站解锁或重置该卡，或重置 PIV 应用（会清除卡内容）后作为空白卡注册。',
    ],
    [
      '卡的 PIN 已被變更，而此工作站沒有該卡的 PUK。',
      '請在簽發此卡的工作站解鎖或重設該卡，或重設 PIV 應用（會清除卡片內容）後作為空白卡註冊。',
    ],
  ),
  CARD_ALREADY_ISSUED: t(
    [
      'The card already holds a certificate.',
      'Choose "Re-issue" explicitly if this card should be enrolled again; the old certificate will be replaced and the re-issue recorded.',
    ],
    [
      '카드에 이미 인증서가 있습니다.',
      '이 카드를 다시 발급하려면 "재발급"을 명시적으로 선택하십시오. 기존 인증서가 교체되고 재발급이 기록됩니다.',
    ],
    ['卡片中已有证书。', '如需重新注册此卡，请明确选择“重新签发”；旧证书将被替换，并记录此次重新签发。'],
    ['卡片中已有憑證。', '如需重新註冊此卡，請明確選擇「重新簽發」；舊憑證將被取代，並記錄此次重新簽發。'],
  ),
  WRONG_PIN: t(
    [
      'The PIN is not correct.',
      'Try again carefully; the number of attempts left is shown. After the last one the PIN is blocked and needs the PUK.',
    ],
    [
      'PIN이 올바르지 않습니다.',
      '신중하게 다시 시도하십시오. 남은 시도 횟수가 표시됩니다. 마지막 시도 후에는 PIN이 잠기며 PUK가 필요합니다.',
    ],
    ['PIN 不正确。', '请仔细重试；屏幕会显示剩余次数。用完后 PIN 将被锁定，需要 PUK 解锁。'],
    ['PIN 不正確。', '請仔細重試；螢幕會顯示剩餘次數。用完後 PIN 將被鎖定，需要 PUK 解鎖。'],
  ),
  PIN_BLOCKED: t(
    [
      'The PIN is blocked.',
      'Unblock it with the PUK at an IT kiosk; if the PUK is blocked too, the card must be reset and re-issued.',
    ],
    [
      'PIN이 잠겼습니다.',
      'IT 키오스크에서 PUK로 잠금을 해제하십시오. PUK도 잠겼다면 카드를 초기화하고 다시 발급해야 합니다.',
    ],
    ['PIN 已被锁定。', '请在 IT 自助终端用 PUK 解锁；如果 PUK 也被锁定，必须重置并重新签发此卡。'],
    ['PIN 已被鎖定。', '請在 IT 自助終端用 PUK 解鎖；如果 PUK 也被鎖定，必須重設並重新簽發此卡。'],
  ),
  AGENT_CARD_MISSING: t(
    [
      "The operator's Enrollment Agent card is not present.",
      'Insert your operator card (with its Enrollment Agent certificate) in the second reader and enter its PIN.',
    ],
    [
      '운영자의 등록 에이전트 카드가 없습니다.',
      '운영자 카드(등록 에이전트 인증서 포함)를 두 번째 리더기에 넣고 PIN을 입력하십시오.',
    ],
    ['未找到操作员的注册代理卡。', '将操作员卡（含注册代理证书）插入第二个读卡器并输入其 PIN。'],
    ['找不到操作員的註冊代理卡。', '將操作員卡（含註冊代理憑證）插入第二個讀卡機並輸入其 PIN。'],
  ),
  AGENT_CERT_INVALID: t(
    [
      "The operator card's certificate cannot sign requests on behalf of others.",
      'The card needs a valid Enrollment Agent (Certificate Request Agent) certificate from this CA; ask the PKI team to issue or renew it.',
    ],
    [
      '운영자 카드의 인증서로는 다른 사람을 대신해 요청에 서명할 수 없습니다.',
      '이 CA에서 발급한 유효한 등록 에이전트(인증서 요청 에이전트) 인증서가 필요합니다. PKI 팀에 발급 또는 갱신을 요청하십시오.',
    ],
    [
      '操作员卡的证书不能代表他人签署请求。',
      '该卡需要此 CA 签发的有效注册代理（证书申请代理）证书；请联系 PKI 团队签发或续订。',
    ],
    [
      '操作員卡的憑證不能代表他人簽署請求。',
      '該卡需要此 CA 簽發的有效註冊代理（憑證申請代理）憑證；請聯絡 PKI 團隊簽發或續訂。',
    ],
  ),
  PIN_POLICY: t(
    [
      'The new PIN does not meet the PIN rules.',
      'Choose 6 to 8 digits that are not the transport PIN, not one digit repeated, not a run like 123456 and not a repeated pattern.',
    ],
    [
      '새 PIN이 PIN 규칙에 맞지 않습니다.',
      '초기 PIN이 아니고, 같은 숫자의 반복이나 123456 같은 연속 숫자, 반복 패턴이 아닌 6~8자리 숫자를 선택하십시오.',
    ],
    [
      '新 PIN 不符合 PIN 规则。',
      '请选择 6 到 8 位数字，不能是初始 PIN，不能是同一数字重复、123456 这样的连续数字或重复的模式。',
    ],
    [
      '新 PIN 不符合 PIN 規則。',
      '請選擇 6 到 8 位數字，不能是初始 PIN，不能是同一數字重複、123456 這樣的連續數字或重複的模式。',
    ],
  ),
  PIN_NOT_CHANGED: t(
    [
      'The card is issued but still has the transport PIN.',
      'The cardholder must set a personal PIN before using the card; run "Set PIN" with the card inserted.',
    ],
    [
      '카드는 발급되었지만 아직 초기 PIN을 사용하고 있습니다.',
      '카드 소지자가 카드를 사용하기 전에 개인 PIN을 설정해야 합니다. 카드를 넣고 "PIN 설정"을 실행하십시오.',
    ],
    ['卡片已签发，但仍使用初始 PIN。', '持卡人在使用前必须设置个人 PIN；插入卡片后运行“设置 PIN”。'],
    ['卡片已簽發，但仍使用初始 PIN。', '持卡人在使用前必須設定個人 PIN；插入卡片後執行「設定 PIN」。'],
  ),
  CA_UNREACHABLE: t(
    [
      'The certification authority cannot be reached.',
      'Check the network and the CA web enrollment address; run "station diagnose" for details. Nothing was written to the card.',
    ],
    [
      '인증 기관에 연결할 수 없습니다.',
      '네트워크와 CA 웹 등록 주소를 확인하십시오. 자세한 내용은 "station diagnose"를 실행하십시오. 카드에는 아무것도 기록되지 않았습니다.',
    ],
    [
      '无法连接证书颁发机构。',
      '请检查网络和 CA Web 注册地址；运行“station diagnose”查看详情。卡片上未写入任何内容。',
    ],
    [
      '無法連線至憑證授權單位。',
      '請檢查網路和 CA Web 註冊位址；執行「station diagnose」查看詳情。卡片上未寫入任何內容。',
    ],
  ),
  CA_REJECTED: t(
    [
      'The certification authority refused the request.',
      'See the reason and its resolution below; the request number is recorded for the PKI team.',
    ],
    [
      '인증 기관이 요청을 거부했습니다.',
      '아래의 사유와 해결 방법을 확인하십시오. 요청 번호는 PKI 팀을 위해 기록되었습니다.',
    ],
    ['证书颁发机构拒绝了请求。', '请查看下面的原因和解决办法；请求编号已记录，供 PKI 团队参考。'],
    ['憑證授權單位拒絕了請求。', '請查看下方的原因和解決辦法；請求編號已記錄，供 PKI 團隊參考。'],
  ),
  CA_PENDING: t(
    [
      'The request is waiting for approval by a CA manager.',
      'The card keeps its new key; once the request is approved, run "Resume" and the station fetches and installs the certificate.',
    ],
    [
      '요청이 CA 관리자의 승인을 기다리고 있습니다.',
      '카드는 새 키를 유지합니다. 요청이 승인되면 "재개"를 실행하십시오. 스테이션이 인증서를 받아 설치합니다.',
    ],
    ['请求正在等待 CA 管理员批准。', '卡片保留新密钥；请求获批后运行“继续”，工作站将获取并安装证书。'],
    ['請求正在等待 CA 管理員核准。', '卡片保留新金鑰；請求核准後執行「繼續」，工作站將取得並安裝憑證。'],
  ),
  CA_OUTCOME_UNKNOWN: t(
    [
      'The station could not learn whether the CA received the request.',
      'Do not submit again. Ask the PKI team to look for a request from this station at the recorded time; then resume or roll back.',
    ],
    [
      '스테이션이 CA의 요청 수신 여부를 확인하지 못했습니다.',
      '다시 제출하지 마십시오. 기록된 시각에 이 스테이션에서 보낸 요청이 있는지 PKI 팀에 확인을 요청한 후 재개하거나 되돌리십시오.',
    ],
    [
      '工作站无法确认 CA 是否收到了请求。',
      '请勿重复提交。请 PKI 团队查找本工作站在记录时间发出的请求，然后继续或回滚。',
    ],
    [
      '工作站無法確認 CA 是否收到了請求。',
      '請勿重複提交。請 PKI 團隊尋找本工作站在記錄時間發出的請求，然後繼續或復原。',
    ],
  ),
  CERT_CHECK_FAILED: t(
    [
      'The issued certificate does not match what was requested.',
      'It was not written to the card. Give the reasons shown to the PKI team (template, UPN, SID or chain).',
    ],
    [
      '발급된 인증서가 요청한 내용과 일치하지 않습니다.',
      '카드에 기록되지 않았습니다. 표시된 사유(템플릿, UPN, SID 또는 체인)를 PKI 팀에 전달하십시오.',
    ],
    ['签发的证书与请求不符。', '证书未写入卡片。请将显示的原因（模板、UPN、SID 或证书链）告知 PKI 团队。'],
    ['簽發的憑證與請求不符。', '憑證未寫入卡片。請將顯示的原因（範本、UPN、SID 或憑證鏈）告知 PKI 團隊。'],
  ),
  PROOF_FAILED: t(
    [
      'The card could not prove that it holds the key of its certificate.',
      'Do not hand out the card. Re-issue it; if it fails again, retire the card.',
    ],
    [
      '카드가 인증서의 키를 보유하고 있음을 증명하지 못했습니다.',
      '카드를 지급하지 마십시오. 다시 발급하고, 다시 실패하면 카드를 폐기하십시오.',
    ],
    ['卡片无法证明其持有证书对应的密钥。', '请勿发放此卡。重新签发；如果再次失败，请停用此卡。'],
    ['卡片無法證明其持有憑證對應的金鑰。', '請勿發放此卡。重新簽發；如果再次失敗，請停用此卡。'],
  ),
  AUDIT_UNAVAILABLE: t(
    [
      'The enrollment log cannot be written, so the station stopped.',
      'Free disk space or fix the log location, then resume; no step runs without being recorded.',
    ],
    [
      '등록 기록을 쓸 수 없어 스테이션이 중지되었습니다.',
      '디스크 공간을 확보하거나 기록 위치를 수정한 후 재개하십시오. 기록되지 않은 단계는 실행되지 않습니다.',
    ],
    ['无法写入注册日志，工作站已停止。', '释放磁盘空间或修正日志位置后继续；未记录的步骤不会执行。'],
    ['無法寫入註冊日誌，工作站已停止。', '釋放磁碟空間或修正日誌位置後繼續；未記錄的步驟不會執行。'],
  ),
  INTERRUPTED: t(
    [
      'An earlier enrollment on this station was interrupted.',
      'The station shows what happened and what it will do (resume, roll back or ask); confirm to continue.',
    ],
    [
      '이 스테이션에서 이전 등록이 중단되었습니다.',
      '스테이션이 발생한 일과 수행할 작업(재개, 되돌리기 또는 확인 요청)을 표시합니다. 확인하여 계속하십시오.',
    ],
    ['本工作站上一次注册被中断。', '工作站会显示发生了什么以及将要做什么（继续、回滚或询问）；确认后继续。'],
    ['本工作站上一次註冊被中斷。', '工作站會顯示發生了什麼以及將要做什麼（繼續、復原或詢問）；確認後繼續。'],
  ),
  // --- the workflow's own refusals (core/enrollment) -------------------------------------------
  BAD_INPUT: t(
    [
      'A value given to the station is missing or malformed (named below).',
      'Correct the value named and try again; nothing was changed.',
    ],
    [
      '스테이션에 전달된 값이 없거나 형식이 잘못되었습니다(아래에 표시).',
      '표시된 값을 고친 후 다시 시도하십시오. 변경된 것은 없습니다.',
    ],
    ['提供给工作站的值缺失或格式错误（见下方）。', '更正所指出的值后重试；未做任何更改。'],
    ['提供給工作站的值遺漏或格式錯誤（見下方）。', '更正所指出的值後重試；未做任何變更。'],
  ),
  STATE_UNSAFE: t(
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
  TRANSPORT_PIN_WRONG: t(
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
  FACTORY_PIN_SET: t(
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
  CARD_BUSY: t(
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
  CANCELLED: t(
    [
      'The operation was cancelled.',
      'Start again when ready; what was started is recorded and can be resumed or closed with recovery.',
    ],
    [
      '작업이 취소되었습니다.',
      '준비되면 다시 시작하십시오. 시작된 작업은 기록되어 있으며 복구로 재개하거나 종료할 수 있습니다.',
    ],
    ['操作已取消。', '准备好后重新开始；已开始的操作均有记录，可通过恢复继续或结束。'],
    ['操作已取消。', '準備好後重新開始；已開始的操作皆有記錄，可透過復原繼續或結束。'],
  ),
  ISSUED_NOT_FINISHED: t(
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
  // ---- Windows TPM virtual smart cards (core/platform, native/windows; docs/windows-vsc.md) ----
  WINDOWS_TOO_OLD: t(
    [
      'TPM virtual smart cards need Windows 8 or Windows Server 2012 or later.',
      'Use a computer with Windows 8.1, 10 or 11 (or Server 2012 or later), or enroll a physical card at the station.',
    ],
    [
      'TPM 가상 스마트 카드는 Windows 8 또는 Windows Server 2012 이상이 필요합니다.',
      'Windows 8.1, 10 또는 11(또는 Server 2012 이상)이 설치된 컴퓨터를 사용하거나 스테이션에서 실물 카드를 등록하십시오.',
    ],
    [
      'TPM 虚拟智能卡需要 Windows 8 或 Windows Server 2012 及以上版本。',
      '请使用装有 Windows 8.1、10 或 11（或 Server 2012 及以上）的电脑，或在工作站注册实体卡。',
    ],
    [
      'TPM 虛擬智慧卡需要 Windows 8 或 Windows Server 2012 以上版本。',
      '請使用安裝 Windows 8.1、10 或 11（或 Server 2012 以上）的電腦，或在工作站註冊實體卡。',
    ],
  ),
  TPM_NOT_PRESENT: t(
    [
      'This computer has no TPM that Windows can use.',
      'Turn the TPM (often "PTT" or "fTPM") on in the firmware settings, or use a computer with a TPM 1.2 or 2.0.',
    ],
    [
      '이 컴퓨터에는 Windows가 사용할 수 있는 TPM이 없습니다.',
      '펌웨어 설정에서 TPM("PTT" 또는 "fTPM")을 켜거나 TPM 1.2 또는 2.0이 있는 컴퓨터를 사용하십시오.',
    ],
    [
      '此电脑没有 Windows 可用的 TPM。',
      '在固件设置中开启 TPM（常称“PTT”或“fTPM”），或使用带 TPM 1.2 或 2.0 的电脑。',
    ],
    [
      '此電腦沒有 Windows 可用的 TPM。',
      '在韌體設定中開啟 TPM（常稱「PTT」或「fTPM」），或使用具備 TPM 1.2 或 2.0 的電腦。',
    ],
  ),
  TPM_DISABLED: t(
    [
      'The TPM is turned off.',
      'Enable the TPM in the firmware (BIOS/UEFI) settings, restart, and try again.',
    ],
    ['TPM이 꺼져 있습니다.', '펌웨어(BIOS/UEFI) 설정에서 TPM을 활성화하고 다시 시작한 후 다시 시도하십시오.'],
    ['TPM 已关闭。', '在固件（BIOS/UEFI）设置中启用 TPM，重新启动后重试。'],
    ['TPM 已關閉。', '在韌體（BIOS/UEFI）設定中啟用 TPM，重新開機後重試。'],
  ),
  TPM_NOT_ACTIVATED: t(
    [
      'The TPM is enabled but not activated.',
      'Activate the TPM in the firmware settings (TPM 1.2) or run tpm.msc as an administrator, then restart.',
    ],
    [
      'TPM이 활성화되었지만 작동 상태가 아닙니다.',
      '펌웨어 설정(TPM 1.2)에서 TPM을 작동시키거나 관리자 권한으로 tpm.msc를 실행한 후 다시 시작하십시오.',
    ],
    ['TPM 已启用但未激活。', '在固件设置中激活 TPM（TPM 1.2），或以管理员身份运行 tpm.msc，然后重新启动。'],
    [
      'TPM 已啟用但未啟動。',
      '在韌體設定中啟動 TPM（TPM 1.2），或以系統管理員身分執行 tpm.msc，然後重新開機。',
    ],
  ),
  TPM_NOT_OWNED: t(
    [
      'The TPM has not been prepared (no owner) for use by Windows.',
      'Open tpm.msc as an administrator and choose "Prepare the TPM", or ask IT; do not clear a TPM that holds other keys.',
    ],
    [
      'TPM이 Windows에서 사용하도록 준비(소유권 설정)되지 않았습니다.',
      '관리자 권한으로 tpm.msc를 열고 "TPM 준비"를 선택하거나 IT에 문의하십시오. 다른 키가 있는 TPM은 지우지 마십시오.',
    ],
    [
      'TPM 尚未为 Windows 准备好（没有所有者）。',
      '以管理员身份打开 tpm.msc 并选择“准备 TPM”，或联系 IT；不要清除存有其他密钥的 TPM。',
    ],
    [
      'TPM 尚未為 Windows 準備好（沒有擁有者）。',
      '以系統管理員身分開啟 tpm.msc 並選擇「準備 TPM」，或聯絡 IT；不要清除存有其他金鑰的 TPM。',
    ],
  ),
  TPM_NOT_READY: t(
    [
      'The TPM is present but not ready for virtual smart cards.',
      'Open tpm.msc as an administrator and follow what it says is missing, or ask IT.',
    ],
    [
      'TPM이 있지만 가상 스마트 카드에 사용할 준비가 되지 않았습니다.',
      '관리자 권한으로 tpm.msc를 열어 누락된 항목을 따르거나 IT에 문의하십시오.',
    ],
    ['TPM 存在但尚不能用于虚拟智能卡。', '以管理员身份打开 tpm.msc，按其提示补齐缺少的步骤，或联系 IT。'],
    ['TPM 存在但尚不能用於虛擬智慧卡。', '以系統管理員身分開啟 tpm.msc，依提示補齊缺少的步驟，或聯絡 IT。'],
  ),
  TPM_RESTART_PENDING: t(
    ['A TPM change waits for a restart.', 'Restart the computer, then start again.'],
    ['TPM 변경 사항이 다시 시작을 기다리고 있습니다.', '컴퓨터를 다시 시작한 후 다시 시작하십시오.'],
    ['TPM 的变更正在等待重新启动。', '重新启动电脑后重新开始。'],
    ['TPM 的變更正在等待重新開機。', '重新開機後重新開始。'],
  ),
  TPM_LOCKED_OUT: t(
    [
      'The TPM is locked after too many wrong PINs.',
      'Wait for the lockout to end (the time is shown) or ask IT to reset the TPM lockout; do not keep trying.',
    ],
    [
      '잘못된 PIN을 너무 많이 입력하여 TPM이 잠겼습니다.',
      '잠금이 끝날 때까지(표시된 시간) 기다리거나 IT에 TPM 잠금 해제를 요청하십시오. 계속 시도하지 마십시오.',
    ],
    ['错误 PIN 次数过多，TPM 已锁定。', '等待锁定结束（显示的时间），或请 IT 重置 TPM 锁定；不要继续尝试。'],
    ['錯誤 PIN 次數過多，TPM 已鎖定。', '等待鎖定結束（顯示的時間），或請 IT 重設 TPM 鎖定；不要繼續嘗試。'],
  ),
  VSC_ADMIN_REQUIRED: t(
    [
      'Creating a virtual smart card needs administrator rights on this computer.',
      'Confirm the Windows administrator prompt, or ask IT to create the virtual card for you.',
    ],
    [
      '가상 스마트 카드를 만들려면 이 컴퓨터의 관리자 권한이 필요합니다.',
      'Windows 관리자 확인 창에서 승인하거나 IT에 가상 카드 생성을 요청하십시오.',
    ],
    ['创建虚拟智能卡需要此电脑的管理员权限。', '在 Windows 管理员提示中确认，或请 IT 为您创建虚拟卡。'],
    [
      '建立虛擬智慧卡需要此電腦的系統管理員權限。',
      '在 Windows 系統管理員提示中確認，或請 IT 為您建立虛擬卡。',
    ],
  ),
  VSC_ELEVATION_REFUSED: t(
    [
      'The administrator prompt was declined, so no virtual smart card was created.',
      'Start again and choose "Yes" at the prompt, or ask IT; nothing was changed on this computer.',
    ],
    [
      '관리자 확인을 거부하여 가상 스마트 카드가 만들어지지 않았습니다.',
      '다시 시작하여 확인 창에서 "예"를 선택하거나 IT에 문의하십시오. 이 컴퓨터에서 변경된 것은 없습니다.',
    ],
    ['管理员提示被拒绝，未创建虚拟智能卡。', '重新开始并在提示中选择“是”，或联系 IT；此电脑未作任何更改。'],
    [
      '系統管理員提示被拒絕，未建立虛擬智慧卡。',
      '重新開始並在提示中選擇「是」，或聯絡 IT；此電腦未做任何變更。',
    ],
  ),
  VSC_REMOTE_SESSION: t(
    [
      'Virtual smart cards cannot be created over Remote Desktop.',
      'Sign in at the computer itself (the console), then start again.',
    ],
    [
      '원격 데스크톱으로는 가상 스마트 카드를 만들 수 없습니다.',
      '컴퓨터 앞(콘솔)에서 로그인한 후 다시 시작하십시오.',
    ],
    ['无法通过远程桌面创建虚拟智能卡。', '在电脑本机（控制台）登录后重新开始。'],
    ['無法透過遠端桌面建立虛擬智慧卡。', '在電腦本機（主控台）登入後重新開始。'],
  ),
  VSC_READER_LIMIT: t(
    [
      'This computer already has the most smart cards Windows allows at once.',
      'Remove a smart card you do not use, or delete an old virtual card (ask IT), then try again.',
    ],
    [
      '이 컴퓨터에는 Windows가 동시에 허용하는 최대 수의 스마트 카드가 이미 있습니다.',
      '사용하지 않는 스마트 카드를 빼거나 오래된 가상 카드를 삭제(IT에 문의)한 후 다시 시도하십시오.',
    ],
    [
      '此电脑的智能卡数量已达 Windows 同时允许的上限。',
      '移除不用的智能卡，或删除旧的虚拟卡（联系 IT）后重试。',
    ],
    [
      '此電腦的智慧卡數量已達 Windows 同時允許的上限。',
      '移除不用的智慧卡，或刪除舊的虛擬卡（聯絡 IT）後重試。',
    ],
  ),
  VSC_PIN_POLICY: t(
    [
      'The PIN does not meet the virtual smart card PIN rules.',
      'Choose a PIN of at least 8 characters that follows the rules shown.',
    ],
    ['PIN이 가상 스마트 카드 PIN 규칙에 맞지 않습니다.', '표시된 규칙에 맞는 8자 이상의 PIN을 선택하십시오.'],
    ['PIN 不符合虚拟智能卡的 PIN 规则。', '请选择至少 8 个字符且符合所示规则的 PIN。'],
    ['PIN 不符合虛擬智慧卡的 PIN 規則。', '請選擇至少 8 個字元且符合所示規則的 PIN。'],
  ),
  VSC_CREATE_FAILED: t(
    [
      'Windows could not create the virtual smart card.',
      'Restart the computer and try again; if it fails again, give IT the code and details shown.',
    ],
    [
      'Windows에서 가상 스마트 카드를 만들 수 없습니다.',
      '컴퓨터를 다시 시작한 후 다시 시도하십시오. 다시 실패하면 표시된 코드와 세부 정보를 IT에 전달하십시오.',
    ],
    ['Windows 无法创建虚拟智能卡。', '重新启动电脑后重试；如果再次失败，请将显示的代码和详细信息告知 IT。'],
    ['Windows 無法建立虛擬智慧卡。', '重新開機後重試；如果再次失敗，請將顯示的代碼和詳細資訊告知 IT。'],
  ),
  VSC_DESTROY_FAILED: t(
    [
      'Windows could not delete the virtual smart card.',
      'Restart the computer and try again; if it stays, give IT the instance id shown.',
    ],
    [
      'Windows에서 가상 스마트 카드를 삭제할 수 없습니다.',
      '컴퓨터를 다시 시작한 후 다시 시도하십시오. 그래도 남아 있으면 표시된 인스턴스 ID를 IT에 전달하십시오.',
    ],
    ['Windows 无法删除虚拟智能卡。', '重新启动电脑后重试；如果仍然存在，请将显示的实例 ID 告知 IT。'],
    ['Windows 無法刪除虛擬智慧卡。', '重新開機後重試；如果仍然存在，請將顯示的執行個體 ID 告知 IT。'],
  ),
  VSC_NOT_FOUND: t(
    [
      'No virtual smart card with that instance id exists on this computer.',
      'Nothing needs deleting; check the list of virtual cards if one should be there.',
    ],
    [
      '이 컴퓨터에 해당 인스턴스 ID의 가상 스마트 카드가 없습니다.',
      '삭제할 것이 없습니다. 있어야 할 카드라면 가상 카드 목록을 확인하십시오.',
    ],
    ['此电脑上没有该实例 ID 的虚拟智能卡。', '无需删除；如应存在，请检查虚拟卡列表。'],
    ['此電腦上沒有該執行個體 ID 的虛擬智慧卡。', '無需刪除；如應存在，請檢查虛擬卡清單。'],
  ),
  VSC_REQUEST_INVALID: t(
    [
      'The virtual smart card helper refused a request it does not accept.',
      'Nothing was changed. Start again from the station; if it repeats, give IT the details shown.',
    ],
    [
      '가상 스마트 카드 도우미가 허용하지 않는 요청을 거부했습니다.',
      '변경된 것은 없습니다. 스테이션에서 다시 시작하고, 반복되면 표시된 세부 정보를 IT에 전달하십시오.',
    ],
    [
      '虚拟智能卡助手拒绝了不被接受的请求。',
      '未作任何更改。请从工作站重新开始；如果重复出现，请将显示的详细信息告知 IT。',
    ],
    [
      '虛擬智慧卡協助程式拒絕了不被接受的請求。',
      '未做任何變更。請從工作站重新開始；如果重複出現，請將顯示的詳細資訊告知 IT。',
    ],
  ),
  INTERNAL: t(
    [
      'Something unexpected went wrong.',
      'Note the time and the code shown and contact IT support; the enrollment log holds the details.',
    ],
    [
      '예상치 못한 오류가 발생했습니다.',
      '시각과 표시된 코드를 기록하고 IT 지원팀에 문의하십시오. 자세한 내용은 등록 기록에 있습니다.',
    ],
    ['发生了意外错误。', '记下时间和显示的代码并联系 IT 支持；详细信息在注册日志中。'],
    ['發生了意外錯誤。', '記下時間和顯示的代碼並聯絡 IT 支援；詳細資訊在註冊日誌中。'],
  ),
} as const satisfies Record<string, Entry>;

export type StationErrorCode = keyof typeof CATALOG;

export function describe(code: StationErrorCode, language: Language = 'en'): Text {
  return CATALOG[code][language];
}

/** Details must be non-secret facts (reader, ReqID, HRESULT, retries left); they are logged. */
export type ErrorDetails = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

export class StationError extends Error {
  readonly code: StationErrorCode;
  readonly details: ErrorDetails;
  constructor(code: StationErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(describe(code).message, options);
    this.name = 'StationError';
    this.code = code;
    this.details = details;
  }
}
