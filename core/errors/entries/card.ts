// Cards and readers: PC/SC, the card's status words, its PIN, PUK and management key, and the
// states of a card the station meets. Terms follow the glossary in docs/errors.md.
import { e } from '../entry.ts';

export const CARD = {
  PCSC_UNAVAILABLE: e(
    [
      'The smart-card service is not running.',
      'Start the smart-card service (pcscd on Linux, "Smart Card" on Windows) and try again.',
    ],
    [
      '스마트 카드 서비스가 실행되고 있지 않습니다.',
      '스마트 카드 서비스(Linux의 pcscd, Windows의 "Smart Card")를 시작한 후 다시 시도하십시오.',
    ],
    ['智能卡服务未运行。', '请启动智能卡服务（Linux 上的 pcscd，Windows 上的“Smart Card”服务）后重试。'],
    ['智慧卡服務未執行。', '請啟動智慧卡服務（Linux 上的 pcscd，Windows 上的「Smart Card」服務）後重試。'],
  ),
  PCSC_ERROR: e(
    [
      'The smart-card service reported an error.',
      'Remove the card and insert it again; if it happens again, restart the smart-card service or try another reader.',
    ],
    [
      '스마트 카드 서비스에서 오류를 보고했습니다.',
      '카드를 뺐다가 다시 넣으십시오. 문제가 다시 발생하면 스마트 카드 서비스를 다시 시작하거나 다른 판독기를 사용하십시오.',
    ],
    [
      '智能卡服务报告了错误。',
      '请取出卡片后重新插入；如果问题再次出现，请重新启动智能卡服务或换用其他读卡器。',
    ],
    [
      '智慧卡服務回報了錯誤。',
      '請取出卡片後重新插入；如果問題再次發生，請重新啟動智慧卡服務或改用其他讀卡機。',
    ],
  ),
  PCSC_TIMEOUT: e(
    [
      'The smart-card service did not answer in time.',
      'Remove the card and insert it again; if the reader stays stuck, unplug it, plug it back in and try again.',
    ],
    [
      '스마트 카드 서비스가 제시간에 응답하지 않았습니다.',
      '카드를 뺐다가 다시 넣으십시오. 판독기가 계속 응답하지 않으면 판독기를 뽑았다가 다시 연결한 후 다시 시도하십시오.',
    ],
    ['智能卡服务未及时响应。', '请取出卡片后重新插入；如果读卡器仍无响应，请拔下读卡器，重新连接后再试。'],
    ['智慧卡服務未及時回應。', '請取出卡片後重新插入；如果讀卡機仍無回應，請拔下讀卡機，重新連接後再試。'],
  ),
  READER_BUSY: e(
    [
      'The card in "{reader}" is in use by another program.',
      'Close other programs that use smart cards (certificate tools, browsers, a second station window) and try again.',
    ],
    [
      '"{reader}"의 카드를 다른 프로그램이 사용하고 있습니다.',
      '스마트 카드를 사용하는 다른 프로그램(인증서 도구, 브라우저, 다른 스테이션 창)을 닫고 다시 시도하십시오.',
    ],
    [
      '“{reader}”中的卡片正被其他程序使用。',
      '请关闭其他使用智能卡的程序（证书工具、浏览器、另一个工作站窗口）后重试。',
    ],
    [
      '「{reader}」中的卡片正被其他程式使用。',
      '請關閉其他使用智慧卡的程式（憑證工具、瀏覽器、另一個工作站視窗）後重試。',
    ],
  ),
  UNKNOWN_READER: e(
    [
      'There is no reader named "{reader}".',
      '{readerCount, plural, =0 {No reader is connected; connect one and try again.} other {Use one of the readers connected now: {readers}.}}',
    ],
    [
      '"{reader}"(이)라는 판독기가 없습니다.',
      '{readerCount, plural, =0 {연결된 판독기가 없습니다. 판독기를 연결한 후 다시 시도하십시오.} other {현재 연결된 판독기 중 하나를 사용하십시오: {readers}.}}',
    ],
    [
      '没有名为“{reader}”的读卡器。',
      '{readerCount, plural, =0 {没有连接任何读卡器；请连接读卡器后重试。} other {请使用当前已连接的读卡器之一：{readers}。}}',
    ],
    [
      '沒有名為「{reader}」的讀卡機。',
      '{readerCount, plural, =0 {沒有連接任何讀卡機；請連接讀卡機後重試。} other {請使用目前已連接的讀卡機之一：{readers}。}}',
    ],
  ),
  NO_CARD: e(
    [
      'No card was found in the reader.',
      'Insert the card fully into the reader named on the screen.',
      {
        cli: 'Insert the card fully into the reader (see "station status") and run the command again.',
      },
    ],
    [
      '판독기에서 카드를 찾을 수 없습니다.',
      '화면에 표시된 판독기에 카드를 끝까지 넣으십시오.',
      {
        cli: '판독기에 카드를 끝까지 넣고("station status"로 확인) 명령을 다시 실행하십시오.',
      },
    ],
    [
      '读卡器中没有找到卡片。',
      '请将卡片完全插入屏幕上显示的读卡器。',
      {
        cli: '请将卡片完全插入读卡器（可用“station status”查看）后重新运行命令。',
      },
    ],
    [
      '讀卡機中找不到卡片。',
      '請將卡片完全插入螢幕上顯示的讀卡機。',
      {
        cli: '請將卡片完全插入讀卡機（可用「station status」查看）後重新執行命令。',
      },
    ],
  ),
  CARD_REMOVED: e(
    [
      'The card was removed during the operation.',
      'Insert the card again and restart; the station resumes or rolls back what was started.',
      { cli: 'Insert the card again and run "station recover"; it resumes or rolls back what was started.' },
    ],
    [
      '작업 중에 카드가 제거되었습니다.',
      '카드를 다시 넣고 다시 시작하십시오. 스테이션이 진행 중이던 작업을 재개하거나 되돌립니다.',
      {
        cli: '카드를 다시 넣고 "station recover"를 실행하십시오. 이 명령이 진행 중이던 작업을 재개하거나 되돌립니다.',
      },
    ],
    [
      '操作过程中卡片被拔出。',
      '请重新插入卡片并重新开始；工作站会继续或回滚已开始的操作。',
      { cli: '请重新插入卡片并运行“station recover”；该命令会继续或回滚已开始的操作。' },
    ],
    [
      '操作過程中卡片被移除。',
      '請重新插入卡片並重新開始；工作站會繼續或復原已開始的操作。',
      { cli: '請重新插入卡片並執行「station recover」；該命令會繼續或復原已開始的操作。' },
    ],
  ),
  CARD_TIMEOUT: e(
    [
      'The card did not answer in time.',
      'Remove the card and insert it again, then retry; a card that keeps timing out should not be issued.',
    ],
    [
      '카드가 제시간에 응답하지 않았습니다.',
      '카드를 뺐다가 다시 넣은 후 다시 시도하십시오. 계속 시간 초과되는 카드는 발급하지 마십시오.',
    ],
    ['卡片未及时响应。', '请取出卡片后重新插入再试；持续超时的卡片不应发放。'],
    ['卡片未及時回應。', '請取出卡片後重新插入再試；持續逾時的卡片不應發放。'],
  ),
  CARD_PROTOCOL: e(
    [
      'The card gave an answer the station cannot read.',
      'Remove the card and insert it again; if it happens again, the card is faulty or not supported: use another card.',
    ],
    [
      '카드가 스테이션이 읽을 수 없는 응답을 보냈습니다.',
      '카드를 뺐다가 다시 넣으십시오. 문제가 다시 발생하면 카드에 결함이 있거나 지원되지 않는 카드이므로 다른 카드를 사용하십시오.',
    ],
    [
      '卡片返回了工作站无法读取的响应。',
      '请取出卡片后重新插入；如果问题再次出现，说明卡片有故障或不受支持，请换一张卡。',
    ],
    [
      '卡片傳回了工作站無法讀取的回應。',
      '請取出卡片後重新插入；如果問題再次發生，表示卡片故障或不受支援，請改用其他卡片。',
    ],
  ),
  CARD_STATUS: e(
    [
      'The card refused the operation ({operation}, status {sw}).',
      'Remove the card and insert it again; if it happens again, give the code and status to IT support.',
    ],
    [
      '카드가 작업을 거부했습니다({operation}, 상태 {sw}).',
      '카드를 뺐다가 다시 넣으십시오. 문제가 다시 발생하면 코드와 상태를 IT 지원팀에 알려 주십시오.',
    ],
    [
      '卡片拒绝了此操作（{operation}，状态 {sw}）。',
      '请取出卡片后重新插入；如果问题再次出现，请将代码和状态告知 IT 支持人员。',
    ],
    [
      '卡片拒絕了此操作（{operation}，狀態 {sw}）。',
      '請取出卡片後重新插入；如果問題再次發生，請將代碼和狀態告知 IT 支援人員。',
    ],
  ),
  CARD_NOT_AUTHENTICATED: e(
    [
      'The card asked for a PIN or management key first ({operation}).',
      'Start the operation again from the beginning; if it happens again, report it to IT support as a station defect.',
    ],
    [
      '카드가 먼저 PIN 또는 관리 키를 요구했습니다({operation}).',
      '작업을 처음부터 다시 시작하십시오. 문제가 다시 발생하면 스테이션 결함으로 IT 지원팀에 보고하십시오.',
    ],
    [
      '卡片要求先验证 PIN 或管理密钥（{operation}）。',
      '请从头重新开始此操作；如果问题再次出现，请将其作为工作站缺陷报告给 IT 支持人员。',
    ],
    [
      '卡片要求先驗證 PIN 或管理金鑰（{operation}）。',
      '請從頭重新開始此操作；如果問題再次發生，請將其作為工作站缺陷回報給 IT 支援人員。',
    ],
  ),
  CARD_WRONG_DATA: e(
    [
      'The card refused the data it was sent ({operation}).',
      'Check that the PIN has a length the card accepts (6 to 8 digits); otherwise the card does not accept this key type or template: use another card.',
    ],
    [
      '카드가 전송된 데이터를 거부했습니다({operation}).',
      'PIN 길이가 카드가 허용하는 범위(6~8자리)인지 확인하십시오. 길이에 문제가 없으면 카드가 이 키 유형 또는 템플릿을 지원하지 않는 것이므로 다른 카드를 사용하십시오.',
    ],
    [
      '卡片拒绝了发送给它的数据（{operation}）。',
      '请检查 PIN 长度是否在卡片接受的 6 到 8 位之间；如果长度没有问题，则说明此卡不支持该密钥类型或模板，请换一张卡。',
    ],
    [
      '卡片拒絕了傳送給它的資料（{operation}）。',
      '請檢查 PIN 長度是否在卡片接受的 6 到 8 位之間；如果長度沒有問題，表示此卡不支援該金鑰類型或範本，請改用其他卡片。',
    ],
  ),
  CARD_OBJECT_NOT_FOUND: e(
    [
      'The card does not hold what the station asked for ({operation}).',
      'The card may not be set up for PIV; use a PIV card or reset the PIV application (this erases the card) and enroll it as a blank card.',
    ],
    [
      '카드에 스테이션이 요청한 항목이 없습니다({operation}).',
      '카드가 PIV용으로 설정되지 않았을 수 있습니다. PIV 카드를 사용하거나 PIV 애플리케이션을 초기화(카드 내용이 지워짐)한 후 빈 카드로 등록하십시오.',
    ],
    [
      '卡片上没有工作站请求的内容（{operation}）。',
      '此卡可能未设置为 PIV 卡；请使用 PIV 卡，或重置 PIV 应用（会清除卡片内容）后作为空白卡注册。',
    ],
    [
      '卡片上沒有工作站要求的內容（{operation}）。',
      '此卡可能未設定為 PIV 卡；請使用 PIV 卡，或重設 PIV 應用程式（會清除卡片內容）後作為空白卡註冊。',
    ],
  ),
  CARD_NOT_SUPPORTED: e(
    [
      'The card does not support an operation the station needs ({operation}).',
      'Use a card model the station supports (for example a YubiKey 5) or choose a key algorithm this card offers.',
    ],
    [
      '카드가 스테이션에 필요한 작업을 지원하지 않습니다({operation}).',
      '스테이션이 지원하는 카드 모델(예: YubiKey 5)을 사용하거나 이 카드가 지원하는 키 알고리즘을 선택하십시오.',
    ],
    [
      '卡片不支持工作站需要的操作（{operation}）。',
      '请使用工作站支持的卡片型号（例如 YubiKey 5），或选择此卡支持的密钥算法。',
    ],
    [
      '卡片不支援工作站需要的操作（{operation}）。',
      '請使用工作站支援的卡片型號（例如 YubiKey 5），或選擇此卡支援的金鑰演算法。',
    ],
  ),
  CARD_CONDITIONS_NOT_SATISFIED: e(
    [
      'The card refused the operation in its current state ({operation}).',
      'Remove the card, insert it again and start over; a card that keeps refusing may need its PIV application reset.',
    ],
    [
      '카드가 현재 상태에서 작업을 거부했습니다({operation}).',
      '카드를 뺐다가 다시 넣은 후 처음부터 다시 시작하십시오. 카드가 계속 거부하면 PIV 애플리케이션을 초기화해야 할 수 있습니다.',
    ],
    [
      '卡片在当前状态下拒绝了此操作（{operation}）。',
      '请取出卡片后重新插入并从头开始；如果仍被拒绝，可能需要重置此卡的 PIV 应用。',
    ],
    [
      '卡片在目前狀態下拒絕了此操作（{operation}）。',
      '請取出卡片後重新插入並從頭開始；如果仍被拒絕，可能需要重設此卡的 PIV 應用程式。',
    ],
  ),
  CARD_MEMORY: e(
    [
      'The card is out of memory or its memory failed.',
      'Reset the PIV application (this erases the card) and enroll it again; if it fails again, retire the card.',
    ],
    [
      '카드 메모리가 부족하거나 메모리에 오류가 발생했습니다.',
      'PIV 애플리케이션을 초기화(카드 내용이 지워짐)한 후 다시 등록하십시오. 다시 실패하면 카드를 폐기하십시오.',
    ],
    [
      '卡片存储空间不足或存储器故障。',
      '请重置 PIV 应用（会清除卡片内容）后重新注册；如果再次失败，请停用此卡。',
    ],
    [
      '卡片儲存空間不足或記憶體故障。',
      '請重設 PIV 應用程式（會清除卡片內容）後重新註冊；如果再次失敗，請停用此卡。',
    ],
  ),
  UNSUPPORTED_CARD: e(
    [
      'This card is not a PIV card the station can enroll.',
      'Use a PIV-compatible card (for example a YubiKey) or ask IT which cards are supported.',
    ],
    [
      '이 카드는 스테이션이 등록할 수 있는 PIV 카드가 아닙니다.',
      'PIV 호환 카드(예: YubiKey)를 사용하거나 지원되는 카드를 IT 부서에 문의하십시오.',
    ],
    ['此卡不是工作站可以注册的 PIV 卡。', '请使用兼容 PIV 的卡（例如 YubiKey），或询问 IT 部门支持哪些卡。'],
    ['此卡不是工作站可以註冊的 PIV 卡。', '請使用相容 PIV 的卡（例如 YubiKey），或詢問 IT 部門支援哪些卡。'],
  ),

  WRONG_PIN: e(
    [
      "{card, select, operator {The operator card's PIN is not correct.} holder {The cardholder's PIN is not correct.} other {The PIN is not correct.}}",
      "{card, select, holder {Ask the cardholder to enter the PIN again carefully.} operator {Enter the operator card's PIN again carefully.} other {Enter the PIN again carefully.}} {triesLeft, plural, one {Only one try is left; after that the PIN is blocked and needs the PUK.} other {# tries are left; when none are left the PIN is blocked and needs the PUK.}}",
    ],
    [
      '{card, select, operator {운영자 카드의 PIN이 올바르지 않습니다.} holder {카드 소지자의 PIN이 올바르지 않습니다.} other {PIN이 올바르지 않습니다.}}',
      '{card, select, holder {카드 소지자에게 PIN을 신중하게 다시 입력하도록 요청하십시오.} operator {운영자 카드의 PIN을 신중하게 다시 입력하십시오.} other {PIN을 신중하게 다시 입력하십시오.}} {triesLeft, plural, =1 {남은 시도 기회는 한 번뿐입니다. 이번에도 틀리면 PIN이 잠기며 PUK로 잠금을 해제해야 합니다.} other {남은 시도 횟수는 #회입니다. 모두 사용하면 PIN이 잠기며 PUK로 잠금을 해제해야 합니다.}}',
    ],
    [
      '{card, select, operator {操作员卡的 PIN 不正确。} holder {持卡人的 PIN 不正确。} other {PIN 不正确。}}',
      '{card, select, holder {请持卡人仔细重新输入 PIN。} operator {请仔细重新输入操作员卡的 PIN。} other {请仔细重新输入 PIN。}}{triesLeft, plural, =1 {只剩 1 次机会；再次输错后 PIN 将被锁定，需要用 PUK 解锁。} other {还剩 # 次机会；用完后 PIN 将被锁定，需要用 PUK 解锁。}}',
    ],
    [
      '{card, select, operator {操作員卡的 PIN 不正確。} holder {持卡人的 PIN 不正確。} other {PIN 不正確。}}',
      '{card, select, holder {請持卡人仔細重新輸入 PIN。} operator {請仔細重新輸入操作員卡的 PIN。} other {請仔細重新輸入 PIN。}}{triesLeft, plural, =1 {只剩 1 次機會；再次輸錯後 PIN 將被鎖定，需要用 PUK 解鎖。} other {還剩 # 次機會；用完後 PIN 將被鎖定，需要用 PUK 解鎖。}}',
    ],
  ),
  PIN_BLOCKED: e(
    [
      "{card, select, operator {The operator card's PIN is blocked.} holder {The cardholder's PIN is blocked.} other {The PIN is blocked.}}",
      "{card, select, operator {Unblock the operator card with its PUK, or ask the PKI team for a new operator card; no request can be signed until then.} other {Ask the cardholder to bring the card to the IT desk's enrollment station to unblock it with the PUK; if the PUK is blocked too, the card must be reset and issued again.}}",
    ],
    [
      '{card, select, operator {운영자 카드의 PIN이 잠겼습니다.} holder {카드 소지자의 PIN이 잠겼습니다.} other {PIN이 잠겼습니다.}}',
      '{card, select, operator {운영자 카드를 PUK로 잠금 해제하거나 PKI 팀에 새 운영자 카드를 요청하십시오. 그때까지는 요청에 서명할 수 없습니다.} other {카드 소지자에게 카드를 IT 부서의 발급 스테이션으로 가져와 PUK로 잠금을 해제하도록 요청하십시오. PUK도 잠겼다면 카드를 초기화하고 다시 발급해야 합니다.}}',
    ],
    [
      '{card, select, operator {操作员卡的 PIN 已被锁定。} holder {持卡人的 PIN 已被锁定。} other {PIN 已被锁定。}}',
      '{card, select, operator {请用 PUK 解锁操作员卡，或向 PKI 团队申领新的操作员卡；在此之前无法签署任何证书申请。} other {请持卡人将卡片带到 IT 部门的发卡工作站，用 PUK 解锁；如果 PUK 也被锁定，必须重置此卡并重新发卡。}}',
    ],
    [
      '{card, select, operator {操作員卡的 PIN 已被鎖定。} holder {持卡人的 PIN 已被鎖定。} other {PIN 已被鎖定。}}',
      '{card, select, operator {請用 PUK 解鎖操作員卡，或請 PKI 團隊提供新的操作員卡；在此之前無法簽署任何憑證要求。} other {請持卡人將卡片帶到 IT 部門的發卡工作站，用 PUK 解鎖；如果 PUK 也被鎖定，必須重設此卡並重新發卡。}}',
    ],
  ),
  WRONG_PUK: e(
    [
      "The card's PUK is not correct.",
      '{triesLeft, plural, one {Only one PUK try is left.} other {# PUK tries are left.}} Do not guess: this station uses the PUK it set when it issued the card; a card issued elsewhere must be unblocked there or reset.',
    ],
    [
      '카드의 PUK가 올바르지 않습니다.',
      '{triesLeft, plural, =1 {남은 PUK 시도 기회는 한 번뿐입니다.} other {남은 PUK 시도 횟수는 #회입니다.}} 추측으로 입력하지 마십시오. 이 스테이션은 카드를 발급할 때 직접 설정한 PUK를 사용합니다. 다른 곳에서 발급한 카드는 그곳에서 잠금을 해제하거나 초기화해야 합니다.',
    ],
    [
      '卡片的 PUK 不正确。',
      '{triesLeft, plural, =1 {PUK 只剩 1 次机会。} other {PUK 还剩 # 次机会。}}请勿猜测：本工作站使用的是它在发卡时设置的 PUK；在其他地方发放的卡须在原发卡处解锁或重置。',
    ],
    [
      '卡片的 PUK 不正確。',
      '{triesLeft, plural, =1 {PUK 只剩 1 次機會。} other {PUK 還剩 # 次機會。}}請勿猜測：本工作站使用的是它在發卡時設定的 PUK；在其他地方發放的卡須在原發卡處解鎖或重設。',
    ],
  ),
  PUK_BLOCKED: e(
    [
      "The card's PUK is blocked.",
      'The PIN can no longer be unblocked. Reset the PIV application (this erases the card) and issue the card again.',
    ],
    [
      '카드의 PUK가 잠겼습니다.',
      '더 이상 PIN 잠금을 해제할 수 없습니다. PIV 애플리케이션을 초기화(카드 내용이 지워짐)하고 카드를 다시 발급하십시오.',
    ],
    ['卡片的 PUK 已被锁定。', '已无法再解锁 PIN。请重置 PIV 应用（会清除卡片内容）并重新发卡。'],
    ['卡片的 PUK 已被鎖定。', '已無法再解鎖 PIN。請重設 PIV 應用程式（會清除卡片內容）並重新發卡。'],
  ),
  WRONG_MANAGEMENT_KEY: e(
    [
      "The card's management key is not the one the station expects.",
      'The card was set up by another station or tool. Enroll it at the station that issued it, or reset the PIV application (this erases the card) and enroll it as a blank card.',
    ],
    [
      '카드의 관리 키가 스테이션이 예상한 키가 아닙니다.',
      '다른 스테이션이나 도구로 설정된 카드입니다. 카드를 발급한 스테이션에서 등록하거나, PIV 애플리케이션을 초기화(카드 내용이 지워짐)한 후 빈 카드로 등록하십시오.',
    ],
    [
      '卡片的管理密钥不是工作站预期的密钥。',
      '此卡由其他工作站或工具设置。请在发放此卡的工作站注册，或重置 PIV 应用（会清除卡片内容）后作为空白卡注册。',
    ],
    [
      '卡片的管理金鑰不是工作站預期的金鑰。',
      '此卡由其他工作站或工具設定。請在發放此卡的工作站註冊，或重設 PIV 應用程式（會清除卡片內容）後作為空白卡註冊。',
    ],
  ),
  PIN_FORMAT: e(
    [
      'The {secret} has a length the card cannot take (1 to 8 characters).',
      'Enter a {secret} of 1 to 8 characters; a new PIN must also follow the PIN rules.',
    ],
    [
      '{secret} 길이가 카드가 허용하는 범위(1~8자)를 벗어났습니다.',
      '1~8자의 {secret}을(를) 입력하십시오. 새 PIN은 PIN 규칙도 따라야 합니다.',
    ],
    [
      '{secret} 的长度超出卡片可接受的范围（1 到 8 个字符）。',
      '请输入 1 到 8 个字符的 {secret}；新 PIN 还必须符合 PIN 规则。',
    ],
    [
      '{secret} 的長度超出卡片可接受的範圍（1 到 8 個字元）。',
      '請輸入 1 到 8 個字元的 {secret}；新 PIN 還必須符合 PIN 規則。',
    ],
  ),
  MANAGEMENT_KEY_FORMAT: e(
    [
      'The configured management key has the wrong length for the card ({problem}).',
      'Set card.factoryManagementKey to the hex key of the right length (48 hex digits for 3DES and AES-192, 32 for AES-128, 64 for AES-256).',
    ],
    [
      '설정된 관리 키의 길이가 카드에 맞지 않습니다({problem}).',
      'card.factoryManagementKey를 올바른 길이의 16진수 키로 설정하십시오(3DES와 AES-192는 48자리, AES-128은 32자리, AES-256은 64자리).',
    ],
    [
      '配置的管理密钥长度与卡片不符（{problem}）。',
      '请将 card.factoryManagementKey 设置为长度正确的十六进制密钥（3DES 和 AES-192 为 48 位，AES-128 为 32 位，AES-256 为 64 位）。',
    ],
    [
      '設定的管理金鑰長度與卡片不符（{problem}）。',
      '請將 card.factoryManagementKey 設定為長度正確的十六進位金鑰（3DES 和 AES-192 為 48 位，AES-128 為 32 位，AES-256 為 64 位）。',
    ],
  ),

  CARD_ALREADY_ISSUED: e(
    [
      'The card already holds a certificate.',
      'Choose "Re-issue" explicitly if this card should be enrolled again; the old certificate will be replaced and the re-issue recorded.',
      {
        cli: 'Run the command again with --reissue if this card should be enrolled again; the old certificate will be replaced and the re-issue recorded.',
      },
    ],
    [
      '카드에 이미 인증서가 있습니다.',
      '이 카드를 다시 등록해야 하면 "재발급"을 명시적으로 선택하십시오. 기존 인증서가 교체되고 재발급이 기록됩니다.',
      {
        cli: '이 카드를 다시 등록해야 하면 --reissue를 붙여 명령을 다시 실행하십시오. 기존 인증서가 교체되고 재발급이 기록됩니다.',
      },
    ],
    [
      '卡片中已有证书。',
      '如需重新注册此卡，请明确选择“重新发卡”；旧证书将被替换，并记录此次重新发卡。',
      { cli: '如需重新注册此卡，请加上 --reissue 重新运行命令；旧证书将被替换，并记录此次重新发卡。' },
    ],
    [
      '卡片中已有憑證。',
      '如需重新註冊此卡，請明確選擇「重新發卡」；舊憑證將被取代，並記錄此次重新發卡。',
      { cli: '如需重新註冊此卡，請加上 --reissue 重新執行命令；舊憑證將被取代，並記錄此次重新發卡。' },
    ],
  ),
  REISSUE_NEEDS_RESET: e(
    [
      "The card's PIN was changed and this station does not hold the card's PUK.",
      'Ask the cardholder to have the card unblocked or reset at the station that issued it, or reset the PIV application (this erases the card) and enroll it as a blank card.',
    ],
    [
      '카드 PIN이 변경되었고 이 스테이션에는 카드의 PUK가 없습니다.',
      '카드 소지자에게 카드를 발급한 스테이션으로 카드를 가져가 잠금 해제나 초기화를 받도록 요청하거나, PIV 애플리케이션을 초기화(카드 내용이 지워짐)한 후 빈 카드로 등록하십시오.',
    ],
    [
      '卡片的 PIN 已被更改，而本工作站没有该卡的 PUK。',
      '请持卡人到发放此卡的工作站解锁或重置该卡，或重置 PIV 应用（会清除卡片内容）后作为空白卡注册。',
    ],
    [
      '卡片的 PIN 已被變更，而本工作站沒有該卡的 PUK。',
      '請持卡人到發放此卡的工作站解鎖或重設該卡，或重設 PIV 應用程式（會清除卡片內容）後作為空白卡註冊。',
    ],
  ),
  PIN_NOT_CHANGED: e(
    [
      'The card is issued but still has the transport PIN.',
      'Ask the cardholder to set a personal PIN before using the card: "Set PIN" with the card inserted.',
      {
        cli: 'Ask the cardholder to set a personal PIN before using the card: run "station change-pin" with the card inserted.',
      },
    ],
    [
      '카드는 발급되었지만 아직 초기 PIN을 사용하고 있습니다.',
      '카드 소지자에게 카드를 사용하기 전에 개인 PIN을 설정하도록 요청하십시오. 카드를 넣은 상태에서 "PIN 설정"을 선택하면 됩니다.',
      {
        cli: '카드 소지자에게 카드를 사용하기 전에 개인 PIN을 설정하도록 요청하십시오. 카드를 넣은 상태에서 "station change-pin"을 실행하면 됩니다.',
      },
    ],
    [
      '卡片已发放，但仍使用初始 PIN。',
      '请持卡人在使用前设置个人 PIN：插入卡片后选择“设置 PIN”。',
      { cli: '请持卡人在使用前设置个人 PIN：插入卡片后运行“station change-pin”。' },
    ],
    [
      '卡片已發放，但仍使用初始 PIN。',
      '請持卡人在使用前設定個人 PIN：插入卡片後選擇「設定 PIN」。',
      { cli: '請持卡人在使用前設定個人 PIN：插入卡片後執行「station change-pin」。' },
    ],
  ),
  PROOF_FAILED: e(
    [
      'The card could not prove that it holds the key of its certificate.',
      'Do not hand out the card. Re-issue it; if it fails again, retire the card.',
      {
        cli: 'Do not hand out the card. Enroll it again with --reissue; if it fails again, retire the card.',
      },
    ],
    [
      '카드가 인증서의 키를 보유하고 있음을 증명하지 못했습니다.',
      '카드를 전달하지 마십시오. 카드를 재발급하고, 다시 실패하면 카드를 폐기하십시오.',
      { cli: '카드를 전달하지 마십시오. --reissue로 다시 등록하고, 다시 실패하면 카드를 폐기하십시오.' },
    ],
    [
      '卡片无法证明其持有证书对应的密钥。',
      '请勿发放此卡。请重新发卡；如果再次失败，请停用此卡。',
      { cli: '请勿发放此卡。请用 --reissue 重新注册；如果再次失败，请停用此卡。' },
    ],
    [
      '卡片無法證明其持有憑證對應的金鑰。',
      '請勿發放此卡。請重新發卡；如果再次失敗，請停用此卡。',
      { cli: '請勿發放此卡。請用 --reissue 重新註冊；如果再次失敗，請停用此卡。' },
    ],
  ),
  SIGNER_KEY_MISMATCH: e(
    [
      'The card signed with a different key than the one it just generated.',
      'Do not hand out the card. Remove it, insert it again and start over; if it happens again, retire the card.',
    ],
    [
      '카드가 방금 생성한 키가 아닌 다른 키로 서명했습니다.',
      '카드를 전달하지 마십시오. 카드를 뺐다가 다시 넣은 후 처음부터 다시 시작하고, 문제가 다시 발생하면 카드를 폐기하십시오.',
    ],
    [
      '卡片使用了与刚生成的密钥不同的密钥签名。',
      '请勿发放此卡。请取出卡片后重新插入并从头开始；如果问题再次出现，请停用此卡。',
    ],
    [
      '卡片使用了與剛產生的金鑰不同的金鑰簽署。',
      '請勿發放此卡。請取出卡片後重新插入並從頭開始；如果問題再次發生，請停用此卡。',
    ],
  ),
} as const;
