// The CLI's own words: labels around errors, result lines, status, recover and audit output.
// Codes, reader names, serials and record fields stay as they are; only the words around them
// are translated.
import { m } from './message.ts';

export const CLI_WORDS = {
  'cli.error': m(
    'error {code}: {message}',
    '오류 {code}: {message}',
    '错误 {code}：{message}',
    '錯誤 {code}：{message}',
  ),
  'cli.whatToDo': m(
    'what to do: {resolution}',
    '조치 방법: {resolution}',
    '处理办法：{resolution}',
    '處理辦法：{resolution}',
  ),
  'cli.detail': m('{name}: {value}', '{name}: {value}', '{name}：{value}', '{name}：{value}'),

  'cli.enroll.readers': m(
    'operator card: "{agent}", card to enroll: "{target}"',
    '운영자 카드: "{agent}", 등록할 카드: "{target}"',
    '操作员卡：“{agent}”，要注册的卡：“{target}”',
    '操作員卡：「{agent}」，要註冊的卡：「{target}」',
  ),
  'cli.enroll.result': m(
    'result: {status}{reqId, select, none {} other { (CA request {reqId})}}',
    '결과: {status}{reqId, select, none {} other { (CA 요청 {reqId})}}',
    '结果：{status}{reqId, select, none {} other {（CA 申请 {reqId}）}}',
    '結果：{status}{reqId, select, none {} other {（CA 要求 {reqId}）}}',
  ),
  'cli.status.issued': m('issued', '발급됨', '已发卡', '已發卡'),
  'cli.status.issued-pin-not-changed': m(
    'issued, PIN not changed',
    '발급됨, PIN 변경 안 됨',
    '已发卡，PIN 未更改',
    '已發卡，PIN 未變更',
  ),
  'cli.status.pending': m('pending approval', '승인 대기 중', '等待批准', '等待核准'),
  'cli.status.denied': m('denied', '거부됨', '已拒绝', '已拒絕'),
  'cli.status.failed': m('failed', '실패', '失败', '失敗'),

  'cli.readers.none': m('no readers', '판독기 없음', '没有读卡器', '沒有讀卡機'),
  'cli.reader.empty': m('{reader}: empty', '{reader}: 비어 있음', '{reader}：空', '{reader}：空'),
  'cli.reader.card': m(
    '{reader}: PIV card, serial {serial}, {certificate, select, yes {holds a certificate} other {blank}}, factory PIN {pin, select, yes {still set} no {changed} other {unknown}}',
    '{reader}: PIV 카드, 일련 번호 {serial}, {certificate, select, yes {인증서 있음} other {빈 카드}}, 초기 PIN {pin, select, yes {그대로} no {변경됨} other {알 수 없음}}',
    '{reader}：PIV 卡，序列号 {serial}，{certificate, select, yes {有证书} other {空白卡}}，出厂 PIN {pin, select, yes {未更改} no {已更改} other {未知}}',
    '{reader}：PIV 卡，序號 {serial}，{certificate, select, yes {有憑證} other {空白卡}}，出廠 PIN {pin, select, yes {未變更} no {已變更} other {未知}}',
  ),
  'cli.reader.unreadable': m(
    '{reader}: card present, not a PIV card the station can read ({code})',
    '{reader}: 카드 있음, 스테이션이 읽을 수 있는 PIV 카드가 아님({code})',
    '{reader}：有卡，但不是工作站可读取的 PIV 卡（{code}）',
    '{reader}：有卡，但不是工作站可讀取的 PIV 卡（{code}）',
  ),
  'cli.unknown': m('unknown', '알 수 없음', '未知', '未知'),

  'cli.recover.none': m(
    'no interrupted enrollments',
    '중단된 등록 없음',
    '没有被中断的注册',
    '沒有被中斷的註冊',
  ),
  'cli.recover.plan': m(
    'enrollment {id}: stopped after "{step}" — will {action, select, resume {resume} roll-back {roll back} ask-operator {ask the operator} other {{action}}}: {why}',
    '등록 {id}: "{step}" 이후 중단됨 — {action, select, resume {재개} roll-back {되돌리기} ask-operator {운영자에게 확인} other {{action}}} 예정: {why}',
    '注册 {id}：在“{step}”之后停止 — 将{action, select, resume {继续} roll-back {回滚} ask-operator {询问操作员} other {{action}}}：{why}',
    '註冊 {id}：在「{step}」之後停止 — 將{action, select, resume {繼續} roll-back {復原} ask-operator {詢問操作員} other {{action}}}：{why}',
  ),
  // why recovery chose its plan (core/enrollment/recovery.ts planRecovery)
  'cli.recover.why.resume': m(
    'the CA has request {reqId} ({disposition}); fetch it by ReqID and finish',
    'CA에 요청 {reqId}({disposition})이(가) 있습니다. ReqID로 가져와 완료합니다',
    'CA 上有申请 {reqId}（{disposition}）；按 ReqID 获取并完成',
    'CA 上有要求 {reqId}（{disposition}）；依 ReqID 取得並完成',
  ),
  'cli.recover.why.askOperator': m(
    'the station stopped while submitting; the CA may hold a request without a recorded ReqID — not submitting again',
    '제출 중에 스테이션이 중지되었습니다. CA에 ReqID가 기록되지 않은 요청이 있을 수 있으므로 다시 제출하지 않습니다',
    '工作站在提交过程中停止；CA 上可能有未记录 ReqID 的申请 — 不会再次提交',
    '工作站在提交過程中停止；CA 上可能有未記錄 ReqID 的要求 — 不會再次提交',
  ),
  'cli.recover.why.rollBack': m(
    'stopped at "{step}" before anything was sent to the CA',
    'CA에 아무것도 보내기 전에 "{step}"에서 중지되었습니다',
    '在向 CA 发送任何内容之前于“{step}”停止',
    '在向 CA 傳送任何內容之前於「{step}」停止',
  ),
  'cli.recover.result': m(
    '  → {status, select, issued {issued} issued-pin-not-changed {issued, PIN not changed} pending {pending approval} denied {denied} failed {failed} rolled-back {rolled back} needs-operator {needs the operator: see the resolution above} other {{status}}}',
    '  → {status, select, issued {발급됨} issued-pin-not-changed {발급됨, PIN 변경 안 됨} pending {승인 대기 중} denied {거부됨} failed {실패} rolled-back {되돌림} needs-operator {운영자 확인 필요: 위의 조치 방법 참조} other {{status}}}',
    '  → {status, select, issued {已发卡} issued-pin-not-changed {已发卡，PIN 未更改} pending {等待批准} denied {已拒绝} failed {失败} rolled-back {已回滚} needs-operator {需要操作员处理：见上方的处理办法} other {{status}}}',
    '  → {status, select, issued {已發卡} issued-pin-not-changed {已發卡，PIN 未變更} pending {等待核准} denied {已拒絕} failed {失敗} rolled-back {已復原} needs-operator {需要操作員處理：見上方的處理辦法} other {{status}}}',
  ),

  'cli.audit.intact': m(
    'log intact: {records} records, {checkpoints} signed checkpoints, signed through seq {signedThrough}',
    '기록 무결: 레코드 {records}개, 서명된 검사점 {checkpoints}개, 순번 {signedThrough}까지 서명됨',
    '日志完整：{records} 条记录，{checkpoints} 个已签名检查点，已签名至序号 {signedThrough}',
    '日誌完整：{records} 筆記錄，{checkpoints} 個已簽署檢查點，已簽署至序號 {signedThrough}',
  ),
  'cli.audit.unsignedTail': m(
    '{count} newer records not yet under a checkpoint',
    '아직 검사점에 포함되지 않은 최신 레코드 {count}개',
    '{count} 条较新的记录尚未纳入检查点',
    '{count} 筆較新的記錄尚未納入檢查點',
  ),
  'cli.audit.broken': m(
    'log BROKEN at seq {seq}: {kind}',
    '기록 손상: 순번 {seq}, {kind}',
    '日志已损坏，位于序号 {seq}：{kind}',
    '日誌已損壞，位於序號 {seq}：{kind}',
  ),
  'cli.audit.noCards': m('no cards', '카드 없음', '没有卡片', '沒有卡片'),
  'cli.audit.noRecords': m('no records', '레코드 없음', '没有记录', '沒有記錄'),
  'cli.audit.truncated': m(
    'showing {shown} of {total} records; use --limit and --offset for the rest',
    '전체 {total}개 중 {shown}개 레코드 표시. 나머지는 --limit과 --offset을 사용하십시오',
    '显示 {total} 条记录中的 {shown} 条；其余请使用 --limit 和 --offset',
    '顯示 {total} 筆記錄中的 {shown} 筆；其餘請使用 --limit 和 --offset',
  ),
  'cli.audit.header': m(
    'seq\ttime\taction\toutcome\tuser\toperator\tcard\tReqID',
    '순번\t시각\t작업\t결과\t사용자\t운영자\t카드\tReqID',
    '序号\t时间\t操作\t结果\t用户\t操作员\t卡片\tReqID',
    '序號\t時間\t操作\t結果\t使用者\t操作員\t卡片\tReqID',
  ),
  'cli.audit.exported': m(
    'exported {count} records; verification of the exported range: {ok, select, true {intact} other {BROKEN at seq {seq}}}',
    '레코드 {count}개를 내보냈습니다. 내보낸 범위 검증: {ok, select, true {무결} other {순번 {seq}에서 손상}}',
    '已导出 {count} 条记录；导出范围的验证：{ok, select, true {完整} other {在序号 {seq} 处损坏}}',
    '已匯出 {count} 筆記錄；匯出範圍的驗證：{ok, select, true {完整} other {在序號 {seq} 處損壞}}',
  ),
  'cli.audit.fingerprint': m(
    'checkpoint key fingerprint sha256:{fingerprint}',
    '검사점 키 지문 sha256:{fingerprint}',
    '检查点密钥指纹 sha256:{fingerprint}',
    '檢查點金鑰指紋 sha256:{fingerprint}',
  ),
  'cli.central.upToDate': m(
    'central log: up to date (forwarded through seq {seq})',
    '중앙 기록: 최신 상태(순번 {seq}까지 전달됨)',
    '中央日志：已是最新（已转发至序号 {seq}）',
    '中央日誌：已是最新（已轉送至序號 {seq}）',
  ),
  'cli.central.backlog': m(
    'central log: {count} records waiting to be forwarded',
    '중앙 기록: 전달 대기 중인 레코드 {count}개',
    '中央日志：{count} 条记录等待转发',
    '中央日誌：{count} 筆記錄等待轉送',
  ),
} as const;
