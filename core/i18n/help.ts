// `station --help` and `station <command> --help`: the overview, each command's one-line summary
// and its usage. The synopsis lines (command, options, placeholders) are the same in every
// language; what they do is said in each.
import { m } from './message.ts';

const SYNOPSIS = {
  demo: 'station demo [--keep-running] [--keep-dir DIR]',
  enroll: `station enroll [--config FILE] --user DOMAIN\\user --upn UPN [--email E] [--sid SID]
               [--reissue] [--target-reader NAME] [--agent-reader NAME] [--no-pin-change]`,
  status: 'station status [--config FILE]',
  'change-pin': 'station change-pin [--config FILE] [--reader NAME]',
  recover: `station recover [--config FILE] [--dry-run] [--target-reader NAME]
                [--abandon ID] [--reqid ID=N] [--no-pin-change]`,
  diagnose: 'station diagnose [--config FILE] [--target-reader NAME]',
  audit: `station audit <verify|list|export|cards|key|forward> [options]
  verify  --db FILE [--public-key PEM] [--station ID] [--expect-head SEQ:HASH] [--head-file FILE] [--config FILE]
  list    --db FILE [--public-key PEM] [filters] [--limit N (default 100)] [--after SEQ | --offset N]
  export  --db FILE [--public-key PEM] [filters] [--format csv|json] [--output FILE]
  cards   --db FILE [--public-key PEM] [--pin-not-changed]
  key     --db FILE [--output PEMFILE]
  forward --config FILE
  filters: --from T --to T --operator UPN --user U --card SERIAL|GUID --outcome success|failure|aborted|started`,
} as const;

/** en, ko, zh-Hans, zh-Hant bodies below one synopsis */
const usage = (synopsis: string, en: string, ko: string, hans: string, hant: string) =>
  m(`${synopsis}\n${en}`, `${synopsis}\n${ko}`, `${synopsis}\n${hans}`, `${synopsis}\n${hant}`);

export const HELP = {
  'help.overview': m(
    'usage: station <command> [options]     station <command> --help     station --version',
    '사용법: station <명령> [옵션]     station <명령> --help     station --version',
    '用法：station <命令> [选项]     station <命令> --help     station --version',
    '用法：station <命令> [選項]     station <命令> --help     station --version',
  ),
  'help.common': m(
    'common options: --json (one JSON object per line)  --lang en|ko|zh-Hans|zh-Hant  -h, --help',
    '공통 옵션: --json(한 줄에 JSON 개체 하나)  --lang en|ko|zh-Hans|zh-Hant  -h, --help',
    '通用选项：--json（每行一个 JSON 对象）  --lang en|ko|zh-Hans|zh-Hant  -h, --help',
    '通用選項：--json（每行一個 JSON 物件）  --lang en|ko|zh-Hans|zh-Hant  -h, --help',
  ),
  'help.configuration': m(
    'configuration: --config FILE, or the file named by STATION_CONFIG',
    '설정: --config FILE 또는 STATION_CONFIG가 가리키는 파일',
    '配置：--config FILE，或 STATION_CONFIG 指定的文件',
    '設定：--config FILE，或 STATION_CONFIG 指定的檔案',
  ),
  'help.exitCodes': m(
    'exit codes: 0 done, 1 failed, 2 usage error, 4 not finished yet (pending, decision, backlog), 130 cancelled (Ctrl-C)',
    '종료 코드: 0 완료, 1 실패, 2 사용법 오류, 4 아직 끝나지 않음(승인 대기, 결정 필요, 전달 대기), 130 취소됨(Ctrl-C)',
    '退出代码：0 完成，1 失败，2 用法错误，4 尚未完成（等待批准、等待决定、等待转发），130 已取消（Ctrl-C）',
    '結束代碼：0 完成，1 失敗，2 用法錯誤，4 尚未完成（等待核准、等待決定、等待轉送），130 已取消（Ctrl-C）',
  ),
  'help.usage': m('usage: {usage}', '사용법: {usage}', '用法：{usage}', '用法：{usage}'),

  'help.summary.demo': m(
    'start software cards and the demo CA, and enroll a card on embedded defaults',
    '소프트웨어 카드와 데모 CA를 시작하고 기본 설정으로 카드 한 장을 등록합니다',
    '启动软件卡和演示 CA，并按内置默认设置注册一张卡',
    '啟動軟體卡和示範 CA，並依內建預設設定註冊一張卡',
  ),
  'help.summary.enroll': m(
    'enroll a card on behalf of a directory user, signed with the operator card',
    '운영자 카드로 서명하여 디렉터리 사용자를 대신해 카드를 등록합니다',
    '代表目录用户注册卡片，由操作员卡签名',
    '代表目錄使用者註冊卡片，由操作員卡簽署',
  ),
  'help.summary.status': m(
    'the readers and what is in them',
    '판독기와 그 안의 카드',
    '读卡器及其中的卡片',
    '讀卡機及其中的卡片',
  ),
  'help.summary.change-pin': m(
    "the holder changes the card's PIN (same policy as at issuance)",
    '카드 소지자가 카드의 PIN을 변경합니다(발급 시와 같은 정책)',
    '持卡人更改卡片的 PIN（与发卡时相同的策略）',
    '持卡人變更卡片的 PIN（與發卡時相同的原則）',
  ),
  'help.summary.recover': m(
    'what interrupted or pending enrollments will do, and doing it',
    '중단되었거나 대기 중인 등록의 처리 계획을 보여 주고 실행합니다',
    '显示被中断或等待中的注册将如何处理，并执行',
    '顯示被中斷或等待中的註冊將如何處理，並執行',
  ),
  'help.summary.diagnose': m(
    'check the CA, TLS trust, credentials, clock, templates, readers and card',
    'CA, TLS 신뢰, 자격 증명, 시계, 템플릿, 판독기, 카드를 확인합니다',
    '检查 CA、TLS 信任、凭据、时钟、模板、读卡器和卡片',
    '檢查 CA、TLS 信任、認證、時鐘、範本、讀卡機和卡片',
  ),
  'help.summary.audit': m(
    'review, verify and export the enrollment log',
    '등록 기록을 검토 및 검증하고 내보냅니다',
    '查看、验证和导出注册日志',
    '檢視、驗證和匯出註冊日誌',
  ),

  'help.usage.demo': usage(
    SYNOPSIS.demo,
    `  Starts pcscd with vpcd readers, two software PIV cards and the AD CS-compatible demo CA, makes
  one card an Enrollment Agent card, and enrolls the other on behalf of CORP\\alice. Needs root.
  --keep-running   leave the demo CA and cards up and print the commands to try next (Ctrl-C ends)
  --keep-dir DIR   keep the demo's state (configuration, log, CA) in DIR`,
    `  vpcd 판독기로 pcscd를, 소프트웨어 PIV 카드 두 장과 AD CS 호환 데모 CA를 시작하고, 한 카드를
  등록 에이전트 카드로 만든 뒤 다른 카드를 CORP\\alice를 대신해 등록합니다. root 권한이 필요합니다.
  --keep-running   데모 CA와 카드를 계속 실행하고 다음에 시도할 명령을 표시합니다(Ctrl-C로 종료)
  --keep-dir DIR   데모 상태(설정, 기록, CA)를 DIR에 보관합니다`,
    `  使用 vpcd 读卡器启动 pcscd、两张软件 PIV 卡和兼容 AD CS 的演示 CA，将一张卡制成注册代理卡，
  并代表 CORP\\alice 注册另一张卡。需要 root 权限。
  --keep-running   保持演示 CA 和卡片运行，并显示接下来可尝试的命令（按 Ctrl-C 结束）
  --keep-dir DIR   将演示的状态（配置、日志、CA）保存在 DIR 中`,
    `  使用 vpcd 讀卡機啟動 pcscd、兩張軟體 PIV 卡和相容 AD CS 的示範 CA，將一張卡製成註冊代理程式卡，
  並代表 CORP\\alice 註冊另一張卡。需要 root 權限。
  --keep-running   保持示範 CA 和卡片執行，並顯示接下來可嘗試的命令（按 Ctrl-C 結束）
  --keep-dir DIR   將示範的狀態（設定、日誌、CA）保存在 DIR 中`,
  ),
  'help.usage.enroll': usage(
    SYNOPSIS.enroll,
    `  PINs on standard input: the operator card's PIN, then the holder's new PIN twice (on a terminal
  they are asked without echo, after the readers, the CA and the log were checked).
  --reissue        replace the certificate on an issued card (recorded in the log)
  --no-pin-change  issue without the holder's PIN change: the card is listed "PIN not changed"`,
    `  PIN은 표준 입력으로: 운영자 카드 PIN, 이어서 카드 소지자의 새 PIN 두 번(터미널에서는 판독기, CA,
  기록을 확인한 뒤 화면에 표시하지 않고 묻습니다).
  --reissue        발급된 카드의 인증서를 교체합니다(기록에 남음)
  --no-pin-change  카드 소지자의 PIN 변경 없이 발급합니다: 카드는 "PIN 변경 안 됨"으로 표시됩니다`,
    `  PIN 从标准输入读取：先是操作员卡 PIN，然后是持卡人的新 PIN 两次（在终端上，检查读卡器、CA 和
  日志之后才会询问，且不回显）。
  --reissue        替换已发卡片上的证书（记入日志）
  --no-pin-change  发卡时不让持卡人更改 PIN：该卡被列为“PIN 未更改”`,
    `  PIN 從標準輸入讀取：先是操作員卡 PIN，然後是持卡人的新 PIN 兩次（在終端機上，檢查讀卡機、CA 和
  日誌之後才會詢問，且不回顯）。
  --reissue        更換已發卡片上的憑證（記入日誌）
  --no-pin-change  發卡時不讓持卡人變更 PIN：該卡被列為「PIN 未變更」`,
  ),
  'help.usage.status': usage(
    SYNOPSIS.status,
    `  Lists each reader and its card: the card edge, serial, whether it is blank, issued or an
  operator card, and whether its PIN is still the vendor's factory PIN or the transport PIN.`,
    `  각 판독기와 카드를 표시합니다: 카드 종류, 일련 번호, 빈 카드/발급된 카드/운영자 카드 여부,
  PIN이 아직 제조사의 공장 기본 PIN 또는 초기 PIN인지 여부.`,
    `  列出每个读卡器及其中的卡片：卡片类型、序列号、是空白卡、已发卡还是操作员卡，
  以及 PIN 是否仍为厂商的出厂默认 PIN 或初始 PIN。`,
    `  列出每個讀卡機及其中的卡片：卡片類型、序號、是空白卡、已發卡還是操作員卡，
  以及 PIN 是否仍為廠商的出廠預設 PIN 或初始 PIN。`,
  ),
  'help.usage.change-pin': usage(
    SYNOPSIS['change-pin'],
    `  PINs on standard input: the current PIN, then the new PIN twice.`,
    `  PIN은 표준 입력으로: 현재 PIN, 이어서 새 PIN 두 번.`,
    `  PIN 从标准输入读取：当前 PIN，然后是新 PIN 两次。`,
    `  PIN 從標準輸入讀取：目前 PIN，然後是新 PIN 兩次。`,
  ),
  'help.usage.recover': usage(
    SYNOPSIS.recover,
    `  Lists each open enrollment with what its journal shows and the plan (close, resume by ReqID,
  ask the operator), then carries the plans out; each decision is recorded in the log with who
  made it.
  --dry-run       only list the plans
  --abandon ID    give up enrollment ID (a key the CA may have certified is destroyed on the card)
  --reqid ID=N    the PKI team found ReqID N for enrollment ID
  A self-enrollment that can be finished asks the employee for the new PIN twice on standard input.
  --no-pin-change finish it without the PIN change: the card is listed "PIN not changed"`,
    `  끝나지 않은 각 등록을 저널 내용 및 계획(종료, ReqID로 재개, 운영자에게 확인)과 함께 표시한 뒤
  계획을 실행합니다. 각 결정은 결정한 사람과 함께 기록에 남습니다.
  --dry-run       계획만 표시합니다
  --abandon ID    등록 ID를 포기합니다(CA가 인증서를 발급했을 수 있는 카드의 키가 삭제됩니다)
  --reqid ID=N    PKI 팀이 찾은 등록 ID의 ReqID N을 지정합니다
  완료할 수 있는 자가 등록은 직원에게 표준 입력으로 새 PIN을 두 번 묻습니다.
  --no-pin-change PIN 변경 없이 완료합니다. 카드는 "PIN 변경 안 됨"으로 표시됩니다`,
    `  列出每个未结束的注册、其日志文件所示内容和处理计划（结束、按 ReqID 继续、询问操作员），
  然后执行这些计划；每个决定连同决定人记入日志。
  --dry-run       只列出计划
  --abandon ID    放弃注册 ID（CA 可能已认证的卡上密钥将被销毁）
  --reqid ID=N    指定 PKI 团队为注册 ID 找到的 ReqID N
  可以完成的自助注册会从标准输入向员工询问新 PIN 两次。
  --no-pin-change 不更改 PIN 即完成：该卡被列为“PIN 未更改”`,
    `  列出每個未結束的註冊、其日誌檔所示內容和處理計畫（結束、依 ReqID 繼續、詢問操作員），
  然後執行這些計畫；每個決定連同決定者記入日誌。
  --dry-run       只列出計畫
  --abandon ID    放棄註冊 ID（CA 可能已認證的卡上金鑰將被銷毀）
  --reqid ID=N    指定 PKI 團隊為註冊 ID 找到的 ReqID N
  可以完成的自助註冊會從標準輸入向員工詢問新 PIN 兩次。
  --no-pin-change 不變更 PIN 即完成：該卡被列為「PIN 未變更」`,
  ),
  'help.usage.diagnose': usage(
    SYNOPSIS.diagnose,
    `  Each check with ok or FAIL and, when it failed, what to do.`,
    `  각 검사 결과(정상 또는 실패)와 실패한 경우 조치 방법을 표시합니다.`,
    `  显示每项检查的结果（正常或失败），失败时给出处理办法。`,
    `  顯示每項檢查的結果（正常或失敗），失敗時提供處理辦法。`,
  ),
  'help.usage.audit': usage(
    SYNOPSIS.audit,
    `  verify walks the whole log; --expect-head / --head-file: the head you recorded at the last review;
  --config: the central copy (PostgreSQL) as a second anchor. list: --after SEQ pages by seq (fast at
  any depth), --offset N skips N matches (slower the deeper). key: the checkpoint public key, for
  auditors to keep. forward: send what the central log has not received yet.
  --config FILE (or STATION_CONFIG) stands in for --db: the station's own log.
  exit: 0 intact/done, 1 error, 2 usage, 3 broken, 4 records still queued (forward),
        5 not proven (empty, nothing signed, records newer than the last signature), 6 anchor unavailable`,
    `  verify는 기록 전체를 검사합니다. --expect-head / --head-file: 지난 검토 때 기록해 둔 헤드,
  --config: 두 번째 기준점으로 쓰는 중앙 사본(PostgreSQL). list: --after SEQ는 순번으로 페이지를 넘기고(깊이와
  관계없이 빠름), --offset N은 일치 항목 N개를 건너뜁니다(깊을수록 느림). key: 감사자가 보관할 검사점 공개 키.
  forward: 중앙 기록이 아직 받지 않은 레코드를 보냅니다.
  --config FILE(또는 STATION_CONFIG)은 --db 대신 스테이션 자체 기록을 가리킵니다.
  종료 코드: 0 무결/완료, 1 오류, 2 사용법, 3 손상, 4 전달 대기 레코드 있음(forward),
        5 입증 안 됨(비어 있음, 서명 없음, 마지막 서명 이후의 레코드), 6 기준점 사용 불가`,
    `  verify 检查整个日志；--expect-head / --head-file：上次审查时记录的链头；
  --config：作为第二个锚点的中央副本（PostgreSQL）。list：--after SEQ 按序号翻页（任何深度都快），
  --offset N 跳过 N 条匹配（越深越慢）。key：供审计员保管的检查点公钥。
  forward：发送中央日志尚未收到的记录。
  --config FILE（或 STATION_CONFIG）代替 --db：工作站自己的日志。
  退出代码：0 完整/完成，1 错误，2 用法，3 已损坏，4 仍有记录等待转发（forward），
        5 无法证明（为空、没有签名、最后一次签名之后的记录），6 锚点不可用`,
    `  verify 檢查整個日誌；--expect-head / --head-file：上次審查時記錄的鏈頭；
  --config：作為第二個錨點的中央副本（PostgreSQL）。list：--after SEQ 依序號翻頁（任何深度都快），
  --offset N 略過 N 筆符合項目（越深越慢）。key：供稽核員保管的檢查點公開金鑰。
  forward：傳送中央日誌尚未收到的記錄。
  --config FILE（或 STATION_CONFIG）代替 --db：工作站自己的日誌。
  結束代碼：0 完整/完成，1 錯誤，2 用法，3 已損壞，4 仍有記錄等待轉送（forward），
        5 無法證明（為空、沒有簽署、最後一次簽署之後的記錄），6 錨點無法使用`,
  ),
} as const;
