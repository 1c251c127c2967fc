// The station itself: the operator's agent card, the enrollment log, configuration, how the CLI
// and the kiosk were used, the station's own files, and the last resort INTERNAL.
import { e } from '../entry.ts';

export const STATION = {
  AGENT_CARD_MISSING: e(
    [
      "The operator's Enrollment Agent card is not present.",
      'Insert your operator card (with its Enrollment Agent certificate) in the second reader and enter its PIN.',
      {
        cli: 'Insert your operator card (with its Enrollment Agent certificate) in a second reader, or name its reader with --agent-reader.',
      },
    ],
    [
      '운영자의 등록 에이전트 카드가 없습니다.',
      '운영자 카드(등록 에이전트 인증서 포함)를 두 번째 판독기에 넣고 PIN을 입력하십시오.',
      {
        cli: '운영자 카드(등록 에이전트 인증서 포함)를 두 번째 판독기에 넣거나 --agent-reader로 판독기를 지정하십시오.',
      },
    ],
    [
      '未找到操作员的注册代理卡。',
      '请将操作员卡（含注册代理证书）插入第二个读卡器并输入其 PIN。',
      { cli: '请将操作员卡（含注册代理证书）插入第二个读卡器，或用 --agent-reader 指定其读卡器。' },
    ],
    [
      '找不到操作員的註冊代理程式卡。',
      '請將操作員卡（含註冊代理程式憑證）插入第二個讀卡機並輸入其 PIN。',
      { cli: '請將操作員卡（含註冊代理程式憑證）插入第二個讀卡機，或用 --agent-reader 指定其讀卡機。' },
    ],
  ),
  AGENT_CERT_INVALID: e(
    [
      "The operator card's certificate cannot sign requests on behalf of others.",
      'The card needs a valid Enrollment Agent (Certificate Request Agent) certificate from this CA; ask the PKI team to issue or renew it.',
    ],
    [
      '운영자 카드의 인증서로는 다른 사람을 대신해 요청에 서명할 수 없습니다.',
      '이 CA에서 발급한 유효한 등록 에이전트(인증서 요청 에이전트) 인증서가 필요합니다. PKI 팀에 발급 또는 갱신을 요청하십시오.',
    ],
    [
      '操作员卡的证书不能代表他人签署申请。',
      '该卡需要此 CA 签发的有效注册代理（证书申请代理）证书；请联系 PKI 团队签发或续订。',
    ],
    [
      '操作員卡的憑證不能代表他人簽署要求。',
      '該卡需要此 CA 簽發的有效註冊代理程式（憑證要求代理程式）憑證；請聯絡 PKI 團隊簽發或更新。',
    ],
  ),
  REQUESTER_NAME_INVALID: e(
    [
      'The user to enroll must be given as DOMAIN\\user.',
      'Give the NetBIOS domain, one backslash and the account name, for example CORP\\alice.',
      {
        cli: 'Pass --user as the NetBIOS domain, one backslash and the account name, for example --user "CORP\\alice".',
      },
    ],
    [
      '등록할 사용자는 DOMAIN\\user 형식으로 지정해야 합니다.',
      'NetBIOS 도메인, 백슬래시 하나, 계정 이름 순으로 입력하십시오(예: CORP\\alice).',
      { cli: '--user에 NetBIOS 도메인, 백슬래시 하나, 계정 이름을 지정하십시오(예: --user "CORP\\alice").' },
    ],
    [
      '要注册的用户必须以 DOMAIN\\user 形式给出。',
      '请输入 NetBIOS 域名、一个反斜杠和帐户名，例如 CORP\\alice。',
      { cli: '请将 --user 写成 NetBIOS 域名、一个反斜杠和帐户名，例如 --user "CORP\\alice"。' },
    ],
    [
      '要註冊的使用者必須以 DOMAIN\\user 形式提供。',
      '請輸入 NetBIOS 網域名稱、一個反斜線和帳戶名稱，例如 CORP\\alice。',
      { cli: '請將 --user 寫成 NetBIOS 網域名稱、一個反斜線和帳戶名稱，例如 --user "CORP\\alice"。' },
    ],
  ),
  DER_MALFORMED: e(
    [
      'A certificate or request the station read is malformed ({what}).',
      'If it came from a card, that card cannot be used as it is; if it came from the CA, keep the diagnostic details for the CA administrator.',
    ],
    [
      '스테이션이 읽은 인증서 또는 요청의 형식이 잘못되었습니다({what}).',
      '카드에서 읽은 것이면 그 카드를 그대로 사용할 수 없습니다. CA에서 받은 것이면 CA 관리자가 확인할 수 있도록 진단 정보를 보관하십시오.',
    ],
    [
      '工作站读取的证书或申请格式错误（{what}）。',
      '如果来自卡片，则该卡无法按现状使用；如果来自 CA，请为 CA 管理员保留诊断信息。',
    ],
    [
      '工作站讀取的憑證或要求格式錯誤（{what}）。',
      '如果來自卡片，則該卡無法依現狀使用；如果來自 CA，請為 CA 系統管理員保留診斷資訊。',
    ],
  ),
  INTERRUPTED: e(
    [
      'An earlier enrollment on this station was interrupted.',
      'The station shows what happened and what it will do (resume, roll back or ask); confirm to continue.',
      {
        cli: 'Run "station recover" to see what happened and what it will do (resume, roll back or ask), then confirm.',
      },
    ],
    [
      '이 스테이션에서 이전 등록이 중단되었습니다.',
      '스테이션이 발생한 일과 수행할 작업(재개, 되돌리기 또는 확인 요청)을 표시합니다. 확인하여 계속하십시오.',
      {
        cli: '"station recover"를 실행하여 발생한 일과 수행할 작업(재개, 되돌리기 또는 확인 요청)을 확인한 후 승인하십시오.',
      },
    ],
    [
      '本工作站上的上一次注册被中断。',
      '工作站会显示发生了什么以及将要做什么（继续、回滚或询问）；请确认以继续。',
      { cli: '请运行“station recover”查看发生了什么以及将要做什么（继续、回滚或询问），然后确认。' },
    ],
    [
      '本工作站上的上一次註冊被中斷。',
      '工作站會顯示發生了什麼以及將要做什麼（繼續、復原或詢問）；請確認以繼續。',
      { cli: '請執行「station recover」查看發生了什麼以及將要做什麼（繼續、復原或詢問），然後確認。' },
    ],
  ),

  // --- the enrollment log ---------------------------------------------------------------------
  AUDIT_UNAVAILABLE: e(
    [
      'The enrollment log cannot be written, so the station stopped.',
      'No step runs without being recorded. See the reason below, fix it (log location, permissions, disk) and resume.',
      {
        cli: 'No step runs without being recorded. See the reason below, fix it (log location, permissions, disk), then run "station recover".',
      },
    ],
    [
      '등록 기록을 쓸 수 없어 스테이션이 중지되었습니다.',
      '모든 단계는 기록된 후에만 실행됩니다. 아래 사유를 확인하여 문제(기록 위치, 권한, 디스크)를 해결한 후 재개하십시오.',
      {
        cli: '모든 단계는 기록된 후에만 실행됩니다. 아래 사유를 확인하여 문제(기록 위치, 권한, 디스크)를 해결한 후 "station recover"를 실행하십시오.',
      },
    ],
    [
      '无法写入注册日志，工作站已停止。',
      '每个步骤都必须先记录才会执行。请查看下面的原因并修正（日志位置、权限、磁盘）后继续。',
      {
        cli: '每个步骤都必须先记录才会执行。请查看下面的原因并修正（日志位置、权限、磁盘）后运行“station recover”。',
      },
    ],
    [
      '無法寫入註冊日誌，工作站已停止。',
      '每個步驟都必須先記錄才會執行。請查看下方的原因並修正（日誌位置、權限、磁碟）後繼續。',
      {
        cli: '每個步驟都必須先記錄才會執行。請查看下方的原因並修正（日誌位置、權限、磁碟）後執行「station recover」。',
      },
    ],
  ),
  AUDIT_VALIDATION: e(
    [
      'The station tried to record an event the enrollment log refuses ({field}); nothing was recorded.',
      'This is a station defect, not a disk problem: report it to IT support with the time and the code shown.',
    ],
    [
      '스테이션이 등록 기록에서 거부하는 이벤트를 기록하려 했습니다({field}). 아무것도 기록되지 않았습니다.',
      '디스크 문제가 아니라 스테이션 결함입니다. 시각과 표시된 코드를 IT 지원팀에 알려 주십시오.',
    ],
    [
      '工作站试图记录注册日志拒绝的事件（{field}）；未记录任何内容。',
      '这是工作站缺陷，不是磁盘问题：请将时间和显示的代码报告给 IT 支持人员。',
    ],
    [
      '工作站試圖記錄註冊日誌拒絕的事件（{field}）；未記錄任何內容。',
      '這是工作站缺陷，不是磁碟問題：請將時間和顯示的代碼回報給 IT 支援人員。',
    ],
  ),
  AUDIT_SECRET_REJECTED: e(
    [
      'The enrollment log refused an event that looked like it carried a PIN, PUK or key ({field}); nothing was recorded.',
      'This is a station defect: report it to IT support with the time and the code shown. No secret was written.',
    ],
    [
      '등록 기록이 PIN, PUK 또는 키가 포함된 것으로 보이는 이벤트를 거부했습니다({field}). 아무것도 기록되지 않았습니다.',
      '스테이션 결함입니다. 시각과 표시된 코드를 IT 지원팀에 알려 주십시오. 비밀 정보는 기록되지 않았습니다.',
    ],
    [
      '注册日志拒绝了一个疑似包含 PIN、PUK 或密钥的事件（{field}）；未记录任何内容。',
      '这是工作站缺陷：请将时间和显示的代码报告给 IT 支持人员。未写入任何机密信息。',
    ],
    [
      '註冊日誌拒絕了一個疑似包含 PIN、PUK 或金鑰的事件（{field}）；未記錄任何內容。',
      '這是工作站缺陷：請將時間和顯示的代碼回報給 IT 支援人員。未寫入任何機密資訊。',
    ],
  ),
  AUDIT_WRITE_FAILED: e(
    [
      'The enrollment log could not save the record; nothing was recorded.',
      'Check the disk space and the permissions of the log file, and that no other program holds it open; then retry.',
    ],
    [
      '등록 기록에 레코드를 저장하지 못했습니다. 아무것도 기록되지 않았습니다.',
      '디스크 공간과 기록 파일의 권한을 확인하고 다른 프로그램이 파일을 열고 있지 않은지 확인한 후 다시 시도하십시오.',
    ],
    [
      '注册日志无法保存记录；未记录任何内容。',
      '请检查磁盘空间和日志文件的权限，并确认没有其他程序占用它，然后重试。',
    ],
    [
      '註冊日誌無法儲存記錄；未記錄任何內容。',
      '請檢查磁碟空間和日誌檔案的權限，並確認沒有其他程式佔用它，然後重試。',
    ],
  ),
  AUDIT_CLOSED: e(
    [
      'The enrollment log was already closed.',
      'Start the operation again; if it happens again, report it to IT support as a station defect.',
    ],
    [
      '등록 기록이 이미 닫혔습니다.',
      '작업을 다시 시작하십시오. 문제가 다시 발생하면 스테이션 결함으로 IT 지원팀에 보고하십시오.',
    ],
    ['注册日志已关闭。', '请重新开始此操作；如果再次出现，请将其作为工作站缺陷报告给 IT 支持人员。'],
    ['註冊日誌已關閉。', '請重新開始此操作；如果再次發生，請將其作為工作站缺陷回報給 IT 支援人員。'],
  ),
  AUDIT_KEY: e(
    [
      "The enrollment log's checkpoint key is missing, unreadable or not protected.",
      'Restore the station key file from its backup (readable by the station account only), or give the public key with --public-key to verify.',
    ],
    [
      '등록 기록의 검사점 키가 없거나, 읽을 수 없거나, 보호되지 않았습니다.',
      '백업에서 스테이션 키 파일을 복원하거나(스테이션 계정만 읽을 수 있게), 검증할 때는 --public-key로 공개 키를 지정하십시오.',
    ],
    [
      '注册日志的检查点密钥缺失、无法读取或未受保护。',
      '请从备份恢复工作站密钥文件（仅工作站帐户可读），或在验证时用 --public-key 指定公钥。',
    ],
    [
      '註冊日誌的檢查點金鑰遺失、無法讀取或未受保護。',
      '請從備份還原工作站金鑰檔案（僅工作站帳戶可讀取），或在驗證時用 --public-key 指定公開金鑰。',
    ],
  ),
  AUDIT_CENTRAL_CONFLICT: e(
    [
      'The central log holds a different record for the same station and sequence number.',
      'Stop enrolling at this station and give both records to the security team: one of the logs was changed or two stations share an id.',
    ],
    [
      '중앙 기록에 같은 스테이션과 순번에 대한 다른 레코드가 있습니다.',
      '이 스테이션에서 등록을 중지하고 두 레코드를 보안 팀에 전달하십시오. 기록 중 하나가 변경되었거나 두 스테이션이 같은 ID를 사용하고 있습니다.',
    ],
    [
      '中央日志中同一工作站、同一序号有不同的记录。',
      '请停止在此工作站注册，并将两条记录交给安全团队：其中一份日志被修改过，或两个工作站使用了相同的 ID。',
    ],
    [
      '中央日誌中同一工作站、同一序號有不同的記錄。',
      '請停止在此工作站註冊，並將兩筆記錄交給安全團隊：其中一份日誌被修改過，或兩個工作站使用了相同的 ID。',
    ],
  ),
  AUDIT_LOG_BROKEN: e(
    [
      'The enrollment log does not verify from record {seq} on.',
      'Do not delete or edit the log. Give it, with the station public key, to the security team; records from that point cannot be trusted.',
    ],
    [
      '등록 기록이 레코드 {seq}부터 검증되지 않습니다.',
      '기록을 삭제하거나 편집하지 마십시오. 스테이션 공개 키와 함께 보안 팀에 전달하십시오. 해당 지점 이후의 레코드는 신뢰할 수 없습니다.',
    ],
    [
      '注册日志从第 {seq} 条记录起无法验证。',
      '请勿删除或编辑日志。将其与工作站公钥一起交给安全团队；从该处起的记录不可信。',
    ],
    [
      '註冊日誌從第 {seq} 筆記錄起無法驗證。',
      '請勿刪除或編輯日誌。將其與工作站公開金鑰一起交給安全團隊；從該處起的記錄不可信。',
    ],
  ),
  AUDIT_LOG_DAMAGED: e(
    [
      'The enrollment log {file} cannot be trusted ({problem}), so the station stopped before touching any card.',
      'Do not delete or edit the log. Verify it with "station audit verify" and give it, with the station public key, to the security team; restore the log from its last good copy before enrolling again.',
    ],
    [
      '등록 기록 {file}을(를) 신뢰할 수 없어({problem}) 스테이션이 카드를 건드리기 전에 중지되었습니다.',
      '기록을 삭제하거나 편집하지 마십시오. "station audit verify"로 검증하고 스테이션 공개 키와 함께 보안 팀에 전달하십시오. 다시 등록하기 전에 마지막 정상 사본에서 기록을 복원하십시오.',
    ],
    [
      '注册日志 {file} 不可信（{problem}），工作站在操作任何卡片之前已停止。',
      '请勿删除或编辑日志。请用“station audit verify”验证它，并将其与工作站公钥一起交给安全团队；再次注册前，请从最后一份完好的副本恢复日志。',
    ],
    [
      '註冊日誌 {file} 不可信（{problem}），工作站在操作任何卡片之前已停止。',
      '請勿刪除或編輯日誌。請用「station audit verify」驗證它，並將其與工作站公開金鑰一起交給安全團隊；再次註冊前，請從最後一份完好的副本還原日誌。',
    ],
  ),
  AUDIT_LOG_MISSING: e(
    [
      'The enrollment log {file} is missing or was replaced ({problem}); the station does not start a new log on its own.',
      'Restore the log from its backup. To start a new log on purpose, first archive the log and the anchor file beside it (.anchor), and tell the auditors.',
    ],
    [
      '등록 기록 {file}이(가) 없거나 교체되었습니다({problem}). 스테이션은 스스로 새 기록을 시작하지 않습니다.',
      '백업에서 기록을 복원하십시오. 의도적으로 새 기록을 시작하려면 먼저 기록과 그 옆의 앵커 파일(.anchor)을 보관하고 감사자에게 알리십시오.',
    ],
    [
      '注册日志 {file} 缺失或已被替换（{problem}）；工作站不会自行开始新的日志。',
      '请从备份恢复日志。如需有意开始新的日志，请先归档日志及其旁边的锚点文件（.anchor），并告知审计人员。',
    ],
    [
      '註冊日誌 {file} 遺失或已被替換（{problem}）；工作站不會自行開始新的日誌。',
      '請從備份還原日誌。如需刻意開始新的日誌，請先封存日誌及其旁邊的錨點檔案（.anchor），並告知稽核人員。',
    ],
  ),
  CENTRAL_LOG_NOT_CONFIGURED: e(
    [
      'No central log is configured.',
      'Set audit.postgresUrlEnv in the configuration and put the PostgreSQL connection string in that environment variable.',
    ],
    [
      '중앙 기록이 설정되지 않았습니다.',
      '설정에서 audit.postgresUrlEnv를 지정하고 해당 환경 변수에 PostgreSQL 연결 문자열을 넣으십시오.',
    ],
    ['未配置中央日志。', '请在配置中设置 audit.postgresUrlEnv，并在该环境变量中填入 PostgreSQL 连接字符串。'],
    ['未設定中央日誌。', '請在設定中指定 audit.postgresUrlEnv，並在該環境變數中填入 PostgreSQL 連線字串。'],
  ),
  CENTRAL_LOG_URL_MISSING: e(
    [
      'The configuration asks for a central log, but the environment variable {variable} (its PostgreSQL URL) is not set.',
      'Set {variable} to the postgres:// connection string of the central log before starting the station, or remove audit.postgresUrlEnv from the configuration.',
    ],
    [
      '설정에서 중앙 기록을 요구하지만 환경 변수 {variable}(중앙 기록의 PostgreSQL URL)이(가) 설정되지 않았습니다.',
      '스테이션을 시작하기 전에 {variable}에 중앙 기록의 postgres:// 연결 문자열을 설정하거나, 설정에서 audit.postgresUrlEnv를 삭제하십시오.',
    ],
    [
      '配置要求使用中央日志，但未设置环境变量 {variable}（中央日志的 PostgreSQL URL）。',
      '启动工作站前，请将 {variable} 设置为中央日志的 postgres:// 连接字符串，或从配置中删除 audit.postgresUrlEnv。',
    ],
    [
      '設定要求使用中央日誌，但未設定環境變數 {variable}（中央日誌的 PostgreSQL URL）。',
      '啟動工作站前，請將 {variable} 設定為中央日誌的 postgres:// 連線字串，或從設定中刪除 audit.postgresUrlEnv。',
    ],
  ),
  CENTRAL_LOG_URL_INVALID: e(
    [
      'The environment variable {variable} does not hold a PostgreSQL URL.',
      'Set {variable} to a connection string that starts with postgres:// or postgresql://.',
    ],
    [
      '환경 변수 {variable}의 값이 PostgreSQL URL이 아닙니다.',
      '{variable}에 postgres:// 또는 postgresql://로 시작하는 연결 문자열을 설정하십시오.',
    ],
    [
      '环境变量 {variable} 的值不是 PostgreSQL URL。',
      '请将 {variable} 设置为以 postgres:// 或 postgresql:// 开头的连接字符串。',
    ],
    [
      '環境變數 {variable} 的值不是 PostgreSQL URL。',
      '請將 {variable} 設定為以 postgres:// 或 postgresql:// 開頭的連線字串。',
    ],
  ),
  CENTRAL_LOG_UNREACHABLE: e(
    [
      'The central log cannot be reached; records stay queued at this station.',
      'Enrollment continues and nothing is lost. Check the database server and the network, then run "station audit forward".',
    ],
    [
      '중앙 기록에 연결할 수 없습니다. 레코드는 이 스테이션에 대기 중입니다.',
      '등록은 계속되며 잃어버리는 것은 없습니다. 데이터베이스 서버와 네트워크를 확인한 후 "station audit forward"를 실행하십시오.',
    ],
    [
      '无法连接中央日志；记录暂存在本工作站。',
      '注册可继续进行，不会丢失任何内容。请检查数据库服务器和网络，然后运行“station audit forward”。',
    ],
    [
      '無法連線至中央日誌；記錄暫存在本工作站。',
      '註冊可繼續進行，不會遺失任何內容。請檢查資料庫伺服器和網路，然後執行「station audit forward」。',
    ],
  ),

  // --- configuration and the station's files ------------------------------------------------
  CONFIG_INVALID: e(
    [
      'The configuration field "{field}" {problem}.',
      'Correct that field in the configuration file and start again.',
    ],
    [
      '설정 항목 "{field}"이(가) 올바르지 않습니다: {problem}.',
      '설정 파일에서 해당 항목을 수정한 후 다시 시작하십시오.',
    ],
    ['配置字段“{field}”有误：{problem}。', '请在配置文件中修正该字段后重新开始。'],
    ['設定欄位「{field}」有誤：{problem}。', '請在設定檔中修正該欄位後重新開始。'],
  ),
  CONFIG_UNREADABLE: e(
    [
      'The configuration file {file} cannot be read as JSON.',
      'Check the path given with --config and that the file is valid JSON.',
    ],
    [
      '설정 파일 {file}을(를) JSON으로 읽을 수 없습니다.',
      '--config로 지정한 경로와 파일이 올바른 JSON인지 확인하십시오.',
    ],
    ['无法将配置文件 {file} 读取为 JSON。', '请检查 --config 指定的路径，以及文件是否为有效的 JSON。'],
    ['無法將設定檔 {file} 讀取為 JSON。', '請檢查 --config 指定的路徑，以及檔案是否為有效的 JSON。'],
  ),
  KEY_STORE_INVALID: e(
    [
      "The station's key store cannot be used ({problem}).",
      'Restore the key store and its key-encryption key from the backup; do not create new ones, or the PUKs and management keys held for issued cards are lost.',
    ],
    [
      '스테이션의 키 저장소를 사용할 수 없습니다({problem}).',
      '백업에서 키 저장소와 키 암호화 키를 복원하십시오. 새로 만들면 발급된 카드의 PUK와 관리 키를 잃게 됩니다.',
    ],
    [
      '无法使用工作站的密钥存储（{problem}）。',
      '请从备份恢复密钥存储及其密钥加密密钥；不要新建，否则已发放卡片的 PUK 和管理密钥将丢失。',
    ],
    [
      '無法使用工作站的金鑰存放區（{problem}）。',
      '請從備份還原金鑰存放區及其金鑰加密金鑰；不要新建，否則已發放卡片的 PUK 和管理金鑰將遺失。',
    ],
  ),
  JOURNAL_INVALID: e(
    [
      'An enrollment journal of this station cannot be read ({problem}).',
      'Keep the journal folder as it is and report it to IT support; "station recover" lists what it can read.',
    ],
    [
      '이 스테이션의 등록 진행 파일을 읽을 수 없습니다({problem}).',
      '진행 파일 폴더를 그대로 두고 IT 지원팀에 알려 주십시오. "station recover"는 읽을 수 있는 항목을 보여 줍니다.',
    ],
    [
      '无法读取本工作站的注册进度文件（{problem}）。',
      '请保持进度文件夹原样并报告给 IT 支持人员；“station recover”会列出它能读取的内容。',
    ],
    [
      '無法讀取本工作站的註冊進度檔（{problem}）。',
      '請保持進度檔資料夾原樣並回報給 IT 支援人員；「station recover」會列出它能讀取的內容。',
    ],
  ),

  // --- how the station was used ----------------------------------------------------------------
  USAGE_UNKNOWN_COMMAND: e(
    ['There is no command "{command}".', 'Run "station --help" for the list of commands.'],
    ['"{command}" 명령이 없습니다.', '"station --help"를 실행하여 명령 목록을 확인하십시오.'],
    ['没有“{command}”命令。', '请运行“station --help”查看命令列表。'],
    ['沒有「{command}」命令。', '請執行「station --help」查看命令清單。'],
  ),
  USAGE_UNKNOWN_OPTION: e(
    [
      '"{command}" does not take the option {option}.',
      'Run "station {command} --help" for the options it takes.',
    ],
    [
      '"{command}"에는 {option} 옵션이 없습니다.',
      '"station {command} --help"를 실행하여 사용할 수 있는 옵션을 확인하십시오.',
    ],
    ['“{command}”不接受选项 {option}。', '请运行“station {command} --help”查看它接受的选项。'],
    ['「{command}」不接受選項 {option}。', '請執行「station {command} --help」查看它接受的選項。'],
  ),
  USAGE_MISSING_OPTION: e(
    ['"{command}" needs the option {option}.', 'Run "station {command} --help" for an example.'],
    [
      '"{command}"에는 {option} 옵션이 필요합니다.',
      '"station {command} --help"를 실행하여 예를 확인하십시오.',
    ],
    ['“{command}”需要选项 {option}。', '请运行“station {command} --help”查看示例。'],
    ['「{command}」需要選項 {option}。', '請執行「station {command} --help」查看範例。'],
  ),
  USAGE_BAD_VALUE: e(
    ['The value given for {option} is not valid.', 'Give one of: {expected}.'],
    ['{option}에 지정한 값이 올바르지 않습니다.', '다음 중 하나를 지정하십시오: {expected}.'],
    ['为 {option} 提供的值无效。', '请提供以下之一：{expected}。'],
    ['為 {option} 提供的值無效。', '請提供以下之一：{expected}。'],
  ),
  USAGE_CONFLICTING_OPTIONS: e(
    ['"{command}" takes {option} or {other}, not both.', 'Give only one of them.'],
    ['"{command}"에는 {option}과(와) {other} 중 하나만 지정할 수 있습니다.', '둘 중 하나만 지정하십시오.'],
    ['“{command}”只接受 {option} 或 {other}，不能同时指定。', '请只指定其中一个。'],
    ['「{command}」只接受 {option} 或 {other}，不能同時指定。', '請只指定其中一個。'],
  ),
  // a repeated option is refused, not "last one wins": `--user CORP\\alice … --user CORP\\bob`
  // would otherwise enroll bob's certificate for an operator who read alice on the line
  USAGE_REPEATED_OPTION: e(
    ['"{command}" takes {option} only once.', 'Give {option} a single time, with the value you mean.'],
    [
      '"{command}"에는 {option} 옵션을 한 번만 지정할 수 있습니다.',
      '의도한 값으로 {option}을(를) 한 번만 지정하십시오.',
    ],
    ['“{command}”只接受一次 {option}。', '请只指定一次 {option}，并使用您想要的值。'],
    ['「{command}」只接受一次 {option}。', '請只指定一次 {option}，並使用您想要的值。'],
  ),
  INPUT_ENDED: e(
    [
      'Standard input ended before "{prompt}" was given.',
      'Give each answer on its own line, in the order the command asks (see "station {command} --help").',
    ],
    [
      '"{prompt}"을(를) 받기 전에 표준 입력이 끝났습니다.',
      '명령이 묻는 순서대로 한 줄에 하나씩 답을 입력하십시오("station {command} --help" 참조).',
    ],
    [
      '在提供“{prompt}”之前标准输入已结束。',
      '请按命令询问的顺序，每行输入一个答案（参见“station {command} --help”）。',
    ],
    [
      '在提供「{prompt}」之前標準輸入已結束。',
      '請依命令詢問的順序，每行輸入一個答案（參見「station {command} --help」）。',
    ],
  ),
  CANCELLED: e(
    [
      'Cancelled; nothing was changed.',
      'Run the command again when ready.',
      { screen: 'Start again when ready.' },
    ],
    [
      '취소되었습니다. 아무것도 변경되지 않았습니다.',
      '준비되면 명령을 다시 실행하십시오.',
      { screen: '준비되면 다시 시작하십시오.' },
    ],
    ['已取消；未做任何更改。', '准备好后请重新运行命令。', { screen: '准备好后请重新开始。' }],
    ['已取消；未做任何變更。', '準備好後請重新執行命令。', { screen: '準備好後請重新開始。' }],
  ),
  BAD_INPUT: e(
    [
      'The entry "{field}" is missing or not in the expected form.',
      'Correct the highlighted entry and try again.',
    ],
    ['"{field}" 항목이 없거나 형식이 올바르지 않습니다.', '표시된 항목을 수정한 후 다시 시도하십시오.'],
    ['“{field}”项缺失或格式不正确。', '请更正突出显示的项后重试。'],
    ['「{field}」項目遺失或格式不正確。', '請更正醒目提示的項目後重試。'],
  ),

  STATION_UNAVAILABLE: e(
    [
      'The screens are not connected to the enrollment station.',
      'Nothing was sent to a card or the CA. Restart the kiosk; if this stays, IT support checks the station configuration.',
    ],
    [
      '화면이 등록 스테이션에 연결되어 있지 않습니다.',
      '카드나 CA로 아무것도 전송되지 않았습니다. 스테이션을 다시 시작하십시오. 계속되면 IT 지원팀이 스테이션 구성을 확인합니다.',
    ],
    [
      '屏幕未连接到注册工作站。',
      '没有向卡片或 CA 发送任何内容。请重新启动工作站；如果仍然如此，由 IT 支持检查工作站配置。',
    ],
    [
      '螢幕未連線到註冊工作站。',
      '沒有向卡片或 CA 傳送任何內容。請重新啟動工作站；如果仍然如此，由 IT 支援檢查工作站設定。',
    ],
  ),

  INTERNAL: e(
    [
      'Something unexpected went wrong.',
      'Note the time and the code shown and contact IT support; the enrollment log holds the details.',
    ],
    [
      '예상치 못한 오류가 발생했습니다.',
      '시각과 표시된 코드를 기록하고 IT 지원팀에 문의하십시오. 자세한 내용은 등록 기록에 있습니다.',
    ],
    ['发生了意外错误。', '请记下时间和显示的代码并联系 IT 支持人员；详细信息在注册日志中。'],
    ['發生了意外錯誤。', '請記下時間和顯示的代碼並聯絡 IT 支援人員；詳細資訊在註冊日誌中。'],
  ),
} as const;
