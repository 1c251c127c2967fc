// The words of `station audit …`: verdicts, breaks, anchors, tables, reviews and the central log.
// Record fields (seq, time, action codes, serials, ReqIDs, hashes) stay as they are; the words
// around them, column titles and the outcome and proof words in the tables are translated.
// Glossary (docs/errors.md): log 기록/日志/日誌, record 레코드/记录/記錄, signature 서명/签名/簽章,
// verify 검증/验证/驗證, export 내보내기/导出/匯出, head (newest record's seq:hash) 헤드/链头/鏈頭,
// central copy 중앙 사본/中央副本/中央副本.
import { m } from './message.ts';

export const AUDIT_WORDS = {
  'audit.stationKeyNote': m(
    "note: checked with the station's own key beside {db}; pass --public-key to pin the key you keep",
    '참고: {db} 옆에 있는 스테이션 자체 키로 검사했습니다. 보관 중인 키를 고정하려면 --public-key를 지정하십시오',
    '注意：使用 {db} 旁边的工作站自身密钥检查；如需固定您保管的密钥，请指定 --public-key',
    '注意：使用 {db} 旁邊的工作站自身金鑰檢查；如需固定您保管的金鑰，請指定 --public-key',
  ),

  // the verdict of a verification, one line
  'audit.verdict.intact': m(
    'log intact: {records} records, every one up to seq {toSeq} under a valid signature of key sha256:{fingerprint} (signed genesis checked)',
    '기록 무결성 확인됨: 레코드 {records}개, 순번 {toSeq}까지 모두 키 sha256:{fingerprint}의 유효한 서명으로 보호됨(서명된 시작 레코드 확인됨)',
    '日志完整：{records} 条记录，直到序号 {toSeq} 的每条记录都有密钥 sha256:{fingerprint} 的有效签名（已检查签名的创始记录）',
    '日誌完整：{records} 筆記錄，直到序號 {toSeq} 的每筆記錄都有金鑰 sha256:{fingerprint} 的有效簽章（已檢查簽章的創始記錄）',
  ),
  'audit.verdict.broken': m(
    'log BROKEN at seq {seq}: {kind} — {what}',
    '기록 손상됨(순번 {seq}): {kind} — {what}',
    '日志在序号 {seq} 处损坏：{kind} — {what}',
    '日誌在序號 {seq} 處損壞：{kind} — {what}',
  ),
  'audit.verdict.empty': m(
    'log NOT PROVEN: it holds no records yet (its signed genesis is valid): nothing to prove',
    '기록 증명 안 됨: 아직 레코드가 없습니다(서명된 시작 레코드는 유효함). 증명할 내용이 없습니다',
    '日志未证明：尚无任何记录（其签名的创始记录有效），没有可证明的内容',
    '日誌未證明：尚無任何記錄（其簽章的創始記錄有效），沒有可證明的內容',
  ),
  'audit.verdict.nothingSigned': m(
    'log NOT PROVEN: none of its {records} records is under a valid signature of the key; the station signs every record, so it did not write them',
    '기록 증명 안 됨: 레코드 {records}개 중 어느 것도 키의 유효한 서명으로 보호되지 않습니다. 스테이션은 모든 레코드에 서명하므로 이 레코드는 스테이션이 쓴 것이 아닙니다',
    '日志未证明：其 {records} 条记录均无该密钥的有效签名；工作站会为每条记录签名，因此这些记录不是它写入的',
    '日誌未證明：其 {records} 筆記錄均無該金鑰的有效簽章；工作站會為每筆記錄簽章，因此這些記錄不是它寫入的',
  ),
  'audit.verdict.unsignedTail': m(
    'log NOT PROVEN: records {from}–{to} are newer than the last valid signature (seq {signedThrough}); the station signs every record, so it did not write them',
    '기록 증명 안 됨: 레코드 {from}–{to}은(는) 마지막 유효 서명(순번 {signedThrough}) 이후에 기록되었습니다. 스테이션은 모든 레코드에 서명하므로 이 레코드는 스테이션이 쓴 것이 아닙니다',
    '日志未证明：记录 {from}–{to} 晚于最后一个有效签名（序号 {signedThrough}）；工作站会为每条记录签名，因此这些记录不是它写入的',
    '日誌未證明：記錄 {from}–{to} 晚於最後一個有效簽章（序號 {signedThrough}）；工作站會為每筆記錄簽章，因此這些記錄不是它寫入的',
  ),
  'audit.verdict.anchorUnavailable': m(
    'log NOT ANCHORED: it verifies by itself ({records} records), but the central copy asked for could not be consulted, so truncation or roll-back is not excluded',
    '기록 기준점 없음: 기록 자체는 검증되었지만(레코드 {records}개) 요청한 중앙 사본을 확인할 수 없어 잘림이나 이전 사본으로의 되돌림을 배제할 수 없습니다',
    '日志未锚定：日志本身验证通过（{records} 条记录），但无法查询所要求的中央副本，因此不能排除截断或回滚',
    '日誌未錨定：日誌本身驗證通過（{records} 筆記錄），但無法查詢所要求的中央副本，因此不能排除截斷或回復',
  ),

  // what each kind of break means (core/audit/verify.ts BreakKind), after its code
  'audit.break.edited-row': m(
    'the record does not match its hash or belongs to another station: its content was changed',
    '레코드가 해시와 일치하지 않거나 다른 스테이션의 것입니다. 내용이 변경되었습니다',
    '该记录与其哈希不符或属于另一工作站：其内容已被更改',
    '該記錄與其雜湊不符或屬於另一工作站：其內容已被變更',
  ),
  'audit.break.sequence-gap': m(
    'a record is missing: a row was deleted',
    '레코드가 누락되었습니다. 행이 삭제되었습니다',
    '缺少一条记录：有一行被删除',
    '缺少一筆記錄：有一列被刪除',
  ),
  'audit.break.chain-break': m(
    'the record does not chain to the one before: rows were removed or inserted and the rest renumbered',
    '레코드가 앞 레코드와 연결되지 않습니다. 행이 삭제되거나 삽입된 뒤 나머지 번호가 다시 매겨졌습니다',
    '该记录与前一条记录不相链接：有行被删除或插入，其余记录被重新编号',
    '該記錄與前一筆記錄不相鏈結：有列被刪除或插入，其餘記錄被重新編號',
  ),
  'audit.break.truncated-tail': m(
    'a signature or anchor names a record past the end of the log: its newest records were cut off',
    '서명 또는 기준점이 기록 끝 이후의 레코드를 가리킵니다. 최신 레코드가 잘려 나갔습니다',
    '某个签名或锚点指向日志末尾之后的记录：最新的记录已被截掉',
    '某個簽章或錨點指向日誌末尾之後的記錄：最新的記錄已被截掉',
  ),
  'audit.break.bad-checkpoint-signature': m(
    'a signature does not verify with the key: it was forged or the key is not the station’s',
    '서명이 키로 검증되지 않습니다. 서명이 위조되었거나 이 키가 스테이션의 키가 아닙니다',
    '某个签名无法用该密钥验证：它是伪造的，或该密钥不属于此工作站',
    '某個簽章無法用該金鑰驗證：它是偽造的，或該金鑰不屬於此工作站',
  ),
  'audit.break.checkpoint-mismatch': m(
    'a valid signature names a different record: the log was rewritten',
    '유효한 서명이 다른 레코드를 가리킵니다. 기록이 다시 작성되었습니다',
    '有效签名指向的是另一条记录：日志已被改写',
    '有效簽章指向的是另一筆記錄：日誌已被改寫',
  ),
  'audit.break.missing-checkpoint': m(
    'a periodic signature is missing: signature rows were removed',
    '주기적 서명이 없습니다. 서명 행이 삭제되었습니다',
    '缺少定期签名：签名行已被删除',
    '缺少定期簽章：簽章列已被刪除',
  ),
  'audit.break.anchor-mismatch': m(
    'the record differs from the copy held outside the station (central copy or recorded head)',
    '레코드가 스테이션 밖에 보관된 사본(중앙 사본 또는 기록해 둔 헤드)과 다릅니다',
    '该记录与工作站外保存的副本（中央副本或记下的链头）不同',
    '該記錄與工作站外保存的副本（中央副本或記下的鏈頭）不同',
  ),
  'audit.break.bad-genesis': m(
    'the signed genesis is missing, forged, rewritten or of another station',
    '서명된 시작 레코드가 없거나, 위조되었거나, 다시 작성되었거나, 다른 스테이션의 것입니다',
    '签名的创始记录缺失、被伪造、被改写，或属于另一工作站',
    '簽章的創始記錄遺失、被偽造、被改寫，或屬於另一工作站',
  ),

  // outside anchors
  'audit.central.unreachable': m(
    'central copy unreachable: not used as an anchor',
    '중앙 사본에 연결할 수 없습니다. 기준점으로 사용하지 않았습니다',
    '无法连接中央副本：未用作锚点',
    '無法連線至中央副本：未用作錨點',
  ),
  'audit.central.empty': m(
    'central copy holds no record of this station: not used as an anchor',
    '중앙 사본에 이 스테이션의 레코드가 없습니다. 기준점으로 사용하지 않았습니다',
    '中央副本中没有此工作站的记录：未用作锚点',
    '中央副本中沒有此工作站的記錄：未用作錨點',
  ),
  'audit.central.used': m(
    "checked against the central copy's newest record (seq {seq}) as well",
    '중앙 사본의 최신 레코드(순번 {seq})와도 대조했습니다',
    '同时已与中央副本的最新记录（序号 {seq}）核对',
    '同時已與中央副本的最新記錄（序號 {seq}）核對',
  ),
  // the central copy's own chain (the second verdict of verify), and how far it is behind
  'audit.centralCopy.intact': m(
    'central copy intact: its {records} records of this station, up to seq {seq}, verify with the pinned key',
    '중앙 사본 무결성 확인됨: 이 스테이션의 레코드 {records}개(순번 {seq}까지)가 고정된 키로 검증되었습니다',
    '中央副本完整：此工作站的 {records} 条记录（直到序号 {seq}）均可用固定的密钥验证',
    '中央副本完整：此工作站的 {records} 筆記錄（直到序號 {seq}）均可用固定的金鑰驗證',
  ),
  'audit.centralCopy.broken': m(
    'central copy BROKEN at seq {seq}: {kind} — {what}',
    '중앙 사본 손상됨(순번 {seq}): {kind} — {what}',
    '中央副本在序号 {seq} 处损坏：{kind} — {what}',
    '中央副本在序號 {seq} 處損壞：{kind} — {what}',
  ),
  'audit.centralCopy.unsignedTail': m(
    'central copy NOT PROVEN after seq {signedThrough}: its records {from}–{to} come after the last signature of the pinned key it holds',
    '중앙 사본 증명 안 됨(순번 {signedThrough} 이후): 레코드 {from}–{to}은(는) 중앙 사본이 보관한 고정된 키의 마지막 서명 이후에 기록되었습니다',
    '中央副本在序号 {signedThrough} 之后未证明：其记录 {from}–{to} 晚于它保存的固定密钥的最后一个签名',
    '中央副本在序號 {signedThrough} 之後未證明：其記錄 {from}–{to} 晚於它保存的固定金鑰的最後一個簽章',
  ),
  'audit.centralCopy.nothingSigned': m(
    'central copy NOT PROVEN: none of its {records} records is under a checkpoint signed by the pinned key',
    '중앙 사본 증명 안 됨: 레코드 {records}개 중 어느 것도 고정된 키로 서명된 검사점으로 보호되지 않습니다',
    '中央副本未证明：其 {records} 条记录均不在固定的密钥签名的检查点之下',
    '中央副本未證明：其 {records} 筆記錄均不在固定的金鑰簽章的檢查點之下',
  ),
  'audit.centralCopy.empty': m(
    'central copy holds no record of this station: its chain has nothing to check',
    '중앙 사본에 이 스테이션의 레코드가 없습니다. 검사할 체인이 없습니다',
    '中央副本中没有此工作站的记录：没有可检查的链',
    '中央副本中沒有此工作站的記錄：沒有可檢查的鏈',
  ),
  'audit.centralCopy.unreachable': m(
    'central copy unreachable: its chain was NOT checked',
    '중앙 사본에 연결할 수 없습니다. 중앙 사본의 체인은 검사하지 않았습니다',
    '无法连接中央副本：未检查其链',
    '無法連線至中央副本：未檢查其鏈',
  ),
  'audit.centralCopy.behind': m(
    'central copy behind the local log: {count} record(s) not forwarded yet (it holds up to seq {seq}); they go with the next station run or “station audit forward”',
    '중앙 사본이 로컬 기록보다 뒤처져 있습니다: 아직 전달되지 않은 레코드 {count}개(중앙 사본은 순번 {seq}까지 보관). 다음 스테이션 실행 때 또는 “station audit forward”로 전달됩니다',
    '中央副本落后于本地日志：{count} 条记录尚未转发（中央副本保存到序号 {seq}）；它们将在工作站下次运行时或通过“station audit forward”转发',
    '中央副本落後於本機日誌：{count} 筆記錄尚未轉送（中央副本保存到序號 {seq}）；它們將在工作站下次執行時或透過「station audit forward」轉送',
  ),
  'audit.expectedHead.matched': m(
    'the head recorded at the last review ({head}) is in the log',
    '지난 검토 때 기록해 둔 헤드({head})가 기록에 있습니다',
    '上次审查时记下的链头（{head}）在日志中',
    '上次審查時記下的鏈頭（{head}）在日誌中',
  ),
  'audit.expectedHead.mismatch': m(
    'the head recorded at the last review ({head}) does NOT match: the log was cut, rolled back or replaced',
    '지난 검토 때 기록해 둔 헤드({head})가 일치하지 않습니다. 기록이 잘렸거나, 되돌려졌거나, 교체되었습니다',
    '上次审查时记下的链头（{head}）不符：日志已被截断、回滚或替换',
    '上次審查時記下的鏈頭（{head}）不符：日誌已被截斷、回復或替換',
  ),
  'audit.expectedHead.notReached': m(
    'the head recorded at the last review (seq {seq}) was not reached: the log breaks before it',
    '지난 검토 때 기록해 둔 헤드(순번 {seq})에 도달하지 못했습니다. 기록이 그 전에 손상되었습니다',
    '未到达上次审查时记下的链头（序号 {seq}）：日志在此之前已损坏',
    '未到達上次審查時記下的鏈頭（序號 {seq}）：日誌在此之前已損壞',
  ),
  'audit.head': m(
    'head {head} — record it; pass it back with --expect-head at the next review',
    '헤드 {head} — 이 값을 기록해 두고 다음 검토 때 --expect-head로 지정하십시오',
    '链头 {head} — 请记下它，并在下次审查时用 --expect-head 传入',
    '鏈頭 {head} — 請記下它，並在下次審查時以 --expect-head 傳入',
  ),
  'audit.headFileWritten': m(
    'head written to {file}',
    '헤드를 {file}에 기록했습니다',
    '链头已写入 {file}',
    '鏈頭已寫入 {file}',
  ),

  // whether the review itself was recorded (LOG_VERIFIED / LOG_EXPORTED)
  'audit.review.recorded': m(
    'this {what, select, export {export} other {verification}} was recorded in the log as seq {seq}',
    '{what, select, export {이 내보내기는} other {이 검증은}} 기록에 순번 {seq} 레코드로 남았습니다',
    '本次{what, select, export {导出} other {验证}}已记入日志，序号 {seq}',
    '本次{what, select, export {匯出} other {驗證}}已記入日誌，序號 {seq}',
  ),
  'audit.review.notRecorded': m(
    'this {what, select, export {export} other {verification}} was NOT recorded in the log: {why}',
    '{what, select, export {이 내보내기는} other {이 검증은}} 기록에 남지 않았습니다: {why}',
    '本次{what, select, export {导出} other {验证}}未记入日志：{why}',
    '本次{what, select, export {匯出} other {驗證}}未記入日誌：{why}',
  ),
  'audit.review.why.no-station-key': m(
    'there is no station key beside the log (it is a copy)',
    '기록 옆에 스테이션 키가 없습니다(사본입니다)',
    '日志旁边没有工作站密钥（这是一个副本）',
    '日誌旁邊沒有工作站金鑰（這是一個副本）',
  ),
  'audit.review.why.not-asked': m('not asked to', '기록을 요청하지 않았습니다', '未要求记录', '未要求記錄'),

  // the tables of `audit list` and `audit cards`
  'audit.col.seq': m('SEQ', '순번', '序号', '序號'),
  'audit.col.time': m('TIME', '시각', '时间', '時間'),
  'audit.col.action': m('ACTION', '작업', '操作', '操作'),
  'audit.col.outcome': m('OUTCOME', '결과', '结果', '結果'),
  'audit.col.user': m('USER', '사용자', '用户', '使用者'),
  'audit.col.operator': m('OPERATOR', '운영자', '操作员', '操作員'),
  'audit.col.card': m('CARD', '카드', '卡片', '卡片'),
  'audit.col.reqId': m('REQID', 'ReqID', 'ReqID', 'ReqID'),
  'audit.col.proof': m('PROOF', '증명', '证明', '證明'),
  'audit.col.state': m('STATE', '상태', '状态', '狀態'),
  'audit.col.holder': m('HOLDER', '소지자', '持卡人', '持卡人'),
  'audit.col.since': m('SINCE', '시점', '起始时间', '起始時間'),
  'audit.col.certificate': m('CERTIFICATE', '인증서', '证书', '憑證'),
  'audit.outcome.started': m('started', '시작됨', '已开始', '已開始'),
  'audit.outcome.success': m('success', '성공', '成功', '成功'),
  'audit.outcome.failure': m('failure', '실패', '失败', '失敗'),
  'audit.outcome.aborted': m('aborted', '중단됨', '已中止', '已中止'),
  'audit.proof.signed': m('ok', '확인됨', '已确认', '已確認'),
  'audit.proof.unsigned': m('UNSIGNED', '서명 없음', '未签名', '未簽章'),
  'audit.proof.edited': m('EDITED', '변경됨', '已篡改', '已竄改'),
  'audit.proof.bad-signature': m('BAD-SIGNATURE', '잘못된 서명', '签名无效', '簽章無效'),
  'audit.proof.verified': m('ok', '확인됨', '已确认', '已確認'),
  'audit.proof.unverified': m('UNVERIFIED', '검증 안 됨', '未验证', '未驗證'),
  'audit.cardState.issued': m('issued', '발급됨', '已发卡', '已發卡'),
  'audit.cardState.issued-pin-not-changed': m(
    'issued, PIN not changed',
    '발급됨, PIN 변경 안 됨',
    '已发卡，PIN 未更改',
    '已發卡，PIN 未變更',
  ),
  'audit.cardState.cleared': m(
    'certificate removed (a re-issue or a rollback cleared the card): enroll it again',
    '인증서 제거됨(재발급 또는 되돌리기로 카드가 비워짐): 다시 등록하십시오',
    '证书已移除（重新发卡或回滚已清空卡片）：请重新注册',
    '憑證已移除（重新發卡或復原已清空卡片）：請重新註冊',
  ),
  'audit.cardState.unfinished': m(
    'unfinished (see “station recover”)',
    '완료되지 않음(“station recover” 참조)',
    '未完成（参见“station recover”）',
    '未完成（參見「station recover」）',
  ),

  'audit.list.none': m('no records match', '일치하는 레코드가 없습니다', '没有匹配的记录', '沒有符合的記錄'),
  'audit.list.page': m(
    'rows {first}–{last} of the matches{after, select, none {} other { after seq {after}}}{more, select, true {; output cut, more match: next page with --after {lastSeq}{after, select, none { (or --offset {nextOffset})} other {}}} other {; no more match}}',
    '일치 항목 중 {first}–{last}행{after, select, none {} other {(순번 {after} 이후)}}{more, select, true {. 출력이 잘렸으며 일치 항목이 더 있습니다. 다음 페이지: --after {lastSeq}{after, select, none { (또는 --offset {nextOffset})} other {}}} other {. 더 이상 일치 항목이 없습니다}}',
    '匹配项的第 {first}–{last} 行{after, select, none {} other {（序号 {after} 之后）}}{more, select, true {；输出已截断，还有更多匹配项：下一页请用 --after {lastSeq}{after, select, none {（或 --offset {nextOffset}）} other {}}} other {；没有更多匹配项}}',
    '符合項目的第 {first}–{last} 列{after, select, none {} other {（序號 {after} 之後）}}{more, select, true {；輸出已截斷，還有更多符合項目：下一頁請用 --after {lastSeq}{after, select, none {（或 --offset {nextOffset}）} other {}}} other {；沒有更多符合項目}}',
  ),
  'audit.list.proof': m(
    'proof of these rows: {verdict} (each row’s hash and own signature, the signed genesis and the newest signature checked; only “station audit verify” proves the whole log and that nothing is missing)',
    '이 행들의 증명: {verdict} (각 행의 해시와 자체 서명, 서명된 시작 레코드, 최신 서명을 확인함. 기록 전체가 온전하고 누락된 레코드가 없음은 “station audit verify”로만 증명할 수 있습니다)',
    '这些行的证明：{verdict}（已检查每行的哈希及其自身签名、签名的创始记录和最新签名；只有“station audit verify”能证明整个日志完整且无缺失）',
    '這些列的證明：{verdict}（已檢查每列的雜湊及其自身簽章、簽章的創始記錄和最新簽章；只有「station audit verify」能證明整個日誌完整且無遺漏）',
  ),
  'audit.exported': m(
    'exported {count} records; proof of the exported rows: {verdict} (each row’s hash and own signature; the per-row status is in the file)',
    '레코드 {count}개를 내보냈습니다. 내보낸 행의 증명: {verdict} (각 행의 해시와 자체 서명을 확인함. 행별 상태는 파일에 있습니다)',
    '已导出 {count} 条记录；导出行的证明：{verdict}（每行的哈希及其自身签名；每行的状态记录在文件中）',
    '已匯出 {count} 筆記錄；匯出列的證明：{verdict}（每列的雜湊及其自身簽章；每列的狀態記錄在檔案中）',
  ),
  // the one-word verdicts inside the proof lines
  'audit.word.intact': m('intact', '무결성 확인됨', '完整', '完整'),
  'audit.word.broken': m('BROKEN', '손상됨', '已损坏', '已損壞'),
  'audit.word.empty': m('nothing to prove', '증명할 내용 없음', '无可证明的内容', '無可證明的內容'),
  'audit.word.nothing-signed': m(
    'NOT PROVEN (nothing signed)',
    '증명 안 됨(서명 없음)',
    '未证明（无签名）',
    '未證明（無簽章）',
  ),
  'audit.word.unsigned-tail': m(
    'NOT PROVEN (newer than the last signature)',
    '증명 안 됨(마지막 서명 이후)',
    '未证明（晚于最后的签名）',
    '未證明（晚於最後的簽章）',
  ),
  'audit.word.anchor-unavailable': m('NOT ANCHORED', '기준점 없음', '未锚定', '未錨定'),
  'audit.cards.none': m('no cards', '카드 없음', '没有卡片', '沒有卡片'),
  'audit.cards.proof': m(
    'the whole log verified ({records} records)',
    '기록 전체가 검증되었습니다(레코드 {records}개)',
    '整个日志已验证（{records} 条记录）',
    '整個日誌已驗證（{records} 筆記錄）',
  ),
  'audit.keyFingerprint': m(
    'checkpoint key fingerprint sha256:{fingerprint}',
    '검사점 키 지문 sha256:{fingerprint}',
    '检查点密钥指纹 sha256:{fingerprint}',
    '檢查點金鑰指紋 sha256:{fingerprint}',
  ),

  // the central log (PostgreSQL), after `audit forward` and after an enrollment
  'audit.forward.done': m(
    'central log: up to date (forwarded through seq {seq})',
    '중앙 기록: 최신 상태(순번 {seq}까지 전달됨)',
    '中央日志：已是最新（已转发至序号 {seq}）',
    '中央日誌：已是最新（已轉送至序號 {seq}）',
  ),
  'audit.forward.backlog': m(
    'central log unreachable: {count} record(s) kept in the local outbox; they are forwarded by the next station run or “station audit forward”',
    '중앙 기록에 연결할 수 없습니다: 레코드 {count}개가 로컬 전송 대기열에 보관되어 있습니다. 다음 스테이션 실행 때 또는 “station audit forward”로 전달됩니다',
    '无法连接中央日志：{count} 条记录保存在本地待发送队列中；将在工作站下次运行时或通过“station audit forward”转发',
    '無法連線至中央日誌：{count} 筆記錄保存在本機待傳送佇列中；將在工作站下次執行時或透過「station audit forward」轉送',
  ),
  'audit.forward.refused': m(
    'NOT forwarded: the local log is damaged, so nothing of it is sent to the central copy',
    '전달하지 않음: 로컬 기록이 손상되어 중앙 사본으로 아무것도 보내지 않습니다',
    '未转发：本地日志已损坏，因此不向中央副本发送任何内容',
    '未轉送：本機日誌已損壞，因此不向中央副本傳送任何內容',
  ),
} as const;
