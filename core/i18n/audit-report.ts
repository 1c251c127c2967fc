// The printable audit report (the kiosk's Export → PDF): headings, facts and the verdict in
// words. The verdict words match the Verify screen's (renderer/src/locales, audit.verdict.*).
import { m } from './message.ts';

export const AUDIT_REPORT = {
  'report.title': m('Enrollment log report', '등록 기록 보고서', '注册日志报告', '註冊日誌報告'),
  'report.station': m('Station', '스테이션', '工作站', '工作站'),
  'report.generated': m('Generated', '생성 시각', '生成时间', '產生時間'),
  'report.auditor': m('Auditor', '감사자', '审计人员', '稽核人員'),
  'report.filter': m('Filter', '필터', '筛选条件', '篩選條件'),
  'report.noFilter': m('the whole log', '전체 기록', '整个日志', '整個日誌'),
  'report.key': m(
    'Pinned checkpoint key (SHA-256 fingerprint)',
    '고정된 검사점 키(SHA-256 지문)',
    '固定的检查点密钥（SHA-256 指纹）',
    '固定的檢查點金鑰（SHA-256 指紋）',
  ),
  'report.records': m('Records in the range', '범위의 레코드', '范围内的记录', '範圍內的記錄'),
  'report.verdict': m('Verdict', '판정', '结论', '結論'),
  'report.verdict.intact': m(
    'Intact: every record in the range is exactly what the station wrote, signed with the pinned key.',
    '무결: 범위의 모든 레코드가 스테이션이 기록한 그대로이며 고정된 키로 서명되어 있습니다.',
    '完整：范围内的每条记录都与工作站写入的完全一致，并由固定的密钥签名。',
    '完整：範圍內的每筆記錄都與工作站寫入的完全一致，並由固定的金鑰簽署。',
  ),
  'report.verdict.broken': m(
    'Broken: a record in the range does not match what the station signed.',
    '손상: 범위의 레코드 중 스테이션이 서명한 내용과 일치하지 않는 것이 있습니다.',
    '已损坏：范围内有记录与工作站签名的内容不符。',
    '已損壞：範圍內有記錄與工作站簽署的內容不符。',
  ),
  'report.verdict.other': m(
    'Not proven ({verdict}): the records cannot be shown to be what the station wrote.',
    '증명되지 않음({verdict}): 레코드가 스테이션이 기록한 그대로임을 보일 수 없습니다.',
    '未经证明（{verdict}）：无法证明这些记录就是工作站写入的内容。',
    '未經證明（{verdict}）：無法證明這些記錄就是工作站寫入的內容。',
  ),
  'report.scope': m(
    'This proves each listed record on its own, the signed settings and the newest signature; only Verify (the whole log) shows that no record was removed.',
    '이는 나열된 각 레코드, 서명된 설정, 최신 서명을 증명합니다. 레코드가 삭제되지 않았음은 전체 기록을 검사하는 "검증"만 보여 줍니다.',
    '这证明了所列的每条记录、已签名的设置和最新的签名；只有"验证"（整个日志）才能表明没有记录被删除。',
    '這證明了所列的每筆記錄、已簽署的設定和最新的簽章；只有「驗證」（整個日誌）才能表明沒有記錄被刪除。',
  ),
  'report.table': m(
    'Records (seq, time UTC, event, outcome, cardholder, card)',
    '레코드(번호, 시각 UTC, 이벤트, 결과, 카드 소지자, 카드)',
    '记录（序号、时间 UTC、事件、结果、持卡人、卡）',
    '記錄（序號、時間 UTC、事件、結果、持卡人、卡片）',
  ),
  'report.truncated': m(
    'The first {shown} of {total} records are listed; the CSV and JSON exports hold them all.',
    '{total}개 레코드 중 처음 {shown}개만 나열합니다. CSV 및 JSON 내보내기에는 모두 들어 있습니다.',
    '仅列出 {total} 条记录中的前 {shown} 条；CSV 和 JSON 导出包含全部记录。',
    '僅列出 {total} 筆記錄中的前 {shown} 筆；CSV 和 JSON 匯出包含全部記錄。',
  ),
} as const;
