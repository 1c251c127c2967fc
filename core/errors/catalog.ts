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
  STATE_DAMAGED: t(
    [
      "One of the station's own files is damaged or missing, so the station did not start.",
      'The file and the problem are named below; no card was touched. Restore the file from the backup (or ask IT); do not delete it to make the error go away.',
    ],
    [
      '스테이션 자체 파일 중 하나가 손상되었거나 없어 스테이션이 시작되지 않았습니다.',
      '아래에 파일과 문제가 표시됩니다. 카드는 건드리지 않았습니다. 백업에서 파일을 복원하거나 IT 부서에 문의하십시오. 오류를 없애려고 파일을 삭제하지 마십시오.',
    ],
    [
      '工作站自身的某个文件已损坏或缺失，因此工作站未启动。',
      '下方列出了文件和问题；未触碰任何卡片。请从备份恢复该文件（或联系 IT）；不要为了消除错误而删除它。',
    ],
    [
      '工作站自身的某個檔案已損毀或遺失，因此工作站未啟動。',
      '下方列出了檔案和問題；未觸碰任何卡片。請從備份還原該檔案（或聯絡 IT）；不要為了消除錯誤而刪除它。',
    ],
  ),
  STATE_UNSAFE: t(
    [
      "A station folder or file is not safe to use (a link, another owner, readable by others, or a key that does not belong to this station's store).",
      'The path and the problem are named below; no card was touched. Ask IT to check who changed it, then restore the original folder or file.',
    ],
    [
      '스테이션 폴더 또는 파일을 안전하게 사용할 수 없습니다(링크, 다른 소유자, 다른 사용자가 읽을 수 있음, 또는 이 스테이션 저장소에 속하지 않는 키).',
      '아래에 경로와 문제가 표시됩니다. 카드는 건드리지 않았습니다. 누가 변경했는지 IT 부서에 확인을 요청한 후 원래 폴더나 파일을 복원하십시오.',
    ],
    [
      '工作站的某个文件夹或文件不安全（是链接、属于其他所有者、其他人可读，或密钥不属于本工作站的存储）。',
      '下方列出了路径和问题；未触碰任何卡片。请 IT 检查是谁更改了它，然后恢复原来的文件夹或文件。',
    ],
    [
      '工作站的某個資料夾或檔案不安全（是連結、屬於其他擁有者、其他人可讀取，或金鑰不屬於本工作站的儲存區）。',
      '下方列出了路徑和問題；未觸碰任何卡片。請 IT 檢查是誰變更了它，然後還原原來的資料夾或檔案。',
    ],
  ),
  STATE_UNWRITABLE: t(
    [
      'The station cannot write its own files, so it did not start.',
      'The path is named below; no card was touched. Make the data folder writable for the station (free disk space, remount read-write), then start again.',
    ],
    [
      '스테이션이 자체 파일을 쓸 수 없어 시작되지 않았습니다.',
      '아래에 경로가 표시됩니다. 카드는 건드리지 않았습니다. 데이터 폴더를 스테이션이 쓸 수 있게 한 후(디스크 공간 확보, 읽기-쓰기로 다시 마운트) 다시 시작하십시오.',
    ],
    [
      '工作站无法写入自己的文件，因此未启动。',
      '下方列出了路径；未触碰任何卡片。请让工作站可以写入数据文件夹（释放磁盘空间、以读写方式重新挂载）后再启动。',
    ],
    [
      '工作站無法寫入自己的檔案，因此未啟動。',
      '下方列出了路徑；未觸碰任何卡片。請讓工作站可以寫入資料資料夾（釋放磁碟空間、以讀寫方式重新掛載）後再啟動。',
    ],
  ),
  STATE_LOCKED: t(
    [
      'Another station process is working with this card or these files right now.',
      'Wait until the other enrollment or recovery (named below by its process) has finished, then try again.',
    ],
    [
      '다른 스테이션 프로세스가 지금 이 카드 또는 이 파일로 작업하고 있습니다.',
      '아래에 프로세스로 표시된 다른 등록 또는 복구가 끝날 때까지 기다린 후 다시 시도하십시오.',
    ],
    ['另一个工作站进程正在使用此卡或这些文件。', '请等待另一项注册或恢复（下方列出其进程）完成后再试。'],
    ['另一個工作站程序正在使用此卡或這些檔案。', '請等待另一項註冊或復原（下方列出其程序）完成後再試。'],
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
