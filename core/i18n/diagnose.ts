// `station diagnose` findings by id: what was checked, what was found and what to do. A failed
// check caused by an error shows that error through explain() instead of its own words.
import { m } from './message.ts';

export const DIAGNOSE = {
  'diagnose.mark.ok': m('ok  ', '정상', '正常', '正常'),
  'diagnose.mark.fail': m('FAIL', '실패', '失败', '失敗'),
  'diagnose.line': m(
    '{mark} {check}: {detail}',
    '{mark} {check}: {detail}',
    '{mark} {check}：{detail}',
    '{mark} {check}：{detail}',
  ),

  'diagnose.ca.check': m('CA reachable over TLS', 'TLS로 CA 연결', '通过 TLS 连接 CA', '透過 TLS 連線至 CA'),
  'diagnose.ca.failed.check': m('CA', 'CA', 'CA', 'CA'),
  'diagnose.ca.failed.resolution': m(
    'Check the CA URL, the CA bundle file and the station account.',
    'CA URL, CA 번들 파일, 스테이션 계정을 확인하십시오.',
    '请检查 CA URL、CA 证书包文件和工作站帐户。',
    '請檢查 CA URL、CA 憑證套件檔案和工作站帳戶。',
  ),
  'diagnose.config.check': m('CA configuration', 'CA 설정', 'CA 配置', 'CA 設定'),
  'diagnose.config.resolution': m(
    'Fix the configuration file.',
    '설정 파일을 수정하십시오.',
    '请修正配置文件。',
    '請修正設定檔。',
  ),

  'diagnose.credentials.check': m('credentials accepted', '자격 증명 승인됨', '凭据已被接受', '認證已被接受'),
  'diagnose.credentials.ntlm': m(
    'NTLM as {user} (NTLMv2 with TLS channel binding)',
    '{user}(으)로 NTLM(TLS 채널 바인딩을 사용하는 NTLMv2)',
    '以 {user} 使用 NTLM（带 TLS 通道绑定的 NTLMv2）',
    '以 {user} 使用 NTLM（含 TLS 通道繫結的 NTLMv2）',
  ),
  'diagnose.credentials.basic': m(
    'basic as {user}',
    '{user}(으)로 기본 인증',
    '以 {user} 使用基本身份验证',
    '以 {user} 使用基本驗證',
  ),
  'diagnose.credentials.clientCertificate': m(
    'client certificate',
    '클라이언트 인증서',
    '客户端证书',
    '用戶端憑證',
  ),

  'diagnose.epa.check': m(
    'Extended Protection (EPA) on the CA web server',
    'CA 웹 서버의 확장된 보호(EPA)',
    'CA Web 服务器上的扩展保护（EPA）',
    'CA Web 伺服器上的延伸保護（EPA）',
  ),
  'diagnose.epa.enforced': m(
    'enforced: NTLM without channel binding is refused',
    '적용됨: 채널 바인딩 없는 NTLM이 거부됨',
    '已强制：不带通道绑定的 NTLM 被拒绝',
    '已強制：不含通道繫結的 NTLM 被拒絕',
  ),
  'diagnose.epa.notEnforced': m(
    'not enforced: NTLM without channel binding is accepted (open to NTLM relay, ESC8)',
    '적용 안 됨: 채널 바인딩 없는 NTLM이 허용됨(NTLM 릴레이, ESC8에 노출)',
    '未强制：不带通道绑定的 NTLM 被接受（易受 NTLM 中继攻击，ESC8）',
    '未強制：不含通道繫結的 NTLM 被接受（易受 NTLM 轉送攻擊，ESC8）',
  ),
  'diagnose.epa.resolution': m(
    'Set Extended Protection to Required for Windows Authentication on the CertSrv IIS application and require SSL (KB5005413).',
    'CertSrv IIS 응용 프로그램의 Windows 인증에서 확장된 보호를 "필요"로 설정하고 SSL을 요구하십시오(KB5005413).',
    '在 CertSrv IIS 应用程序的 Windows 身份验证中将扩展保护设为“必需”，并要求 SSL（KB5005413）。',
    '在 CertSrv IIS 應用程式的 Windows 驗證中將延伸保護設為「必要」，並要求 SSL（KB5005413）。',
  ),
  'diagnose.epa.probeFailed': m(
    'probe failed: {code}',
    '검사 실패: {code}',
    '探测失败：{code}',
    '探測失敗：{code}',
  ),

  'diagnose.clock.check': m('clock', '시계', '时钟', '時鐘'),
  'diagnose.clock.ok': m(
    'within {seconds} s of the CA',
    'CA와 {seconds}초 이내',
    '与 CA 相差不超过 {seconds} 秒',
    '與 CA 相差不超過 {seconds} 秒',
  ),
  'diagnose.clock.off': m('off by {seconds} s', '{seconds}초 차이', '相差 {seconds} 秒', '相差 {seconds} 秒'),
  'diagnose.clock.resolution': m(
    "Synchronise this computer's clock with the domain (w32tm /resync, or NTP).",
    '이 컴퓨터의 시계를 도메인과 동기화하십시오(w32tm /resync 또는 NTP).',
    '请将此计算机的时钟与域同步（w32tm /resync 或 NTP）。',
    '請將此電腦的時鐘與網域同步（w32tm /resync 或 NTP）。',
  ),

  'diagnose.template.check': m(
    'template {template}',
    '템플릿 {template}',
    '模板 {template}',
    '範本 {template}',
  ),
  'diagnose.template.offered': m(
    'offered to this account',
    '이 계정에 제공됨',
    '已向此帐户提供',
    '已提供給此帳戶',
  ),
  'diagnose.template.notOffered': m(
    'not offered (offered: {offered})',
    '제공되지 않음(제공됨: {offered})',
    '未提供（已提供：{offered}）',
    '未提供（已提供：{offered}）',
  ),
  'diagnose.template.none': m('none', '없음', '无', '無'),
  'diagnose.template.resolution': m(
    'Publish the template on this CA and grant the station account Enroll on it.',
    '이 CA에 템플릿을 게시하고 스테이션 계정에 해당 템플릿의 등록 권한을 부여하십시오.',
    '在此 CA 上发布该模板，并授予工作站帐户对它的“注册”权限。',
    '在此 CA 上發佈該範本，並授予工作站帳戶對它的「註冊」權限。',
  ),

  'diagnose.readers.check': m('readers', '판독기', '读卡器', '讀卡機'),
  'diagnose.readers.withCard': m(
    '{reader} (card)',
    '{reader}(카드 있음)',
    '{reader}（有卡）',
    '{reader}（有卡）',
  ),
  'diagnose.readers.none': m('none', '없음', '无', '無'),
  'diagnose.readers.resolution': m(
    'Connect a smart-card reader.',
    '스마트 카드 판독기를 연결하십시오.',
    '请连接智能卡读卡器。',
    '請連接智慧卡讀卡機。',
  ),

  'diagnose.card.check': m('card in {reader}', '{reader}의 카드', '{reader} 中的卡片', '{reader} 中的卡片'),
  'diagnose.card.present': m('present', '있음', '已插入', '已插入'),
  'diagnose.card.absent': m('no card', '카드 없음', '没有卡片', '沒有卡片'),
  'diagnose.card.noReader': m('no such reader', '해당 판독기 없음', '没有此读卡器', '沒有此讀卡機'),
  'diagnose.card.resolution': m('Insert the card.', '카드를 넣으십시오.', '请插入卡片。', '請插入卡片。'),

  'diagnose.pcsc.check': m('smart-card service', '스마트 카드 서비스', '智能卡服务', '智慧卡服務'),
  'diagnose.pcsc.resolution': m(
    'Start pcscd (Linux) or the Smart Card service (Windows).',
    'pcscd(Linux) 또는 Smart Card 서비스(Windows)를 시작하십시오.',
    '请启动 pcscd（Linux）或 Smart Card 服务（Windows）。',
    '請啟動 pcscd（Linux）或 Smart Card 服務（Windows）。',
  ),
} as const;
