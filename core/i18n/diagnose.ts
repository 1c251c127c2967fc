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

  'diagnose.ca.check': m(
    'CA reachable over TLS',
    'TLS로 CA에 연결 가능',
    '可通过 TLS 连接 CA',
    '可透過 TLS 連線至 CA',
  ),
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

  'diagnose.dns.check': m(
    'CA host name resolves',
    'CA 호스트 이름 확인',
    'CA 主机名可解析',
    'CA 主機名稱可解析',
  ),
  'diagnose.dns.ok': m(
    '{host}: {addresses}',
    '{host}: {addresses}',
    '{host}：{addresses}',
    '{host}：{addresses}',
  ),
  'diagnose.dns.failed': m(
    '{host} does not resolve ({error})',
    '{host}의 이름을 확인할 수 없음({error})',
    '无法解析 {host}（{error}）',
    '無法解析 {host}（{error}）',
  ),
  'diagnose.dns.resolution': m(
    "Check the host name in the CA URL (ca.url) and this computer's DNS servers (nslookup {host}); use the name the CA web server's certificate is issued for.",
    'CA URL(ca.url)의 호스트 이름과 이 컴퓨터의 DNS 서버를 확인하십시오(nslookup {host}). CA 웹 서버 인증서가 발급된 이름을 사용하십시오.',
    '请检查 CA URL（ca.url）中的主机名和此计算机的 DNS 服务器（nslookup {host}）；请使用 CA Web 服务器证书所颁发给的名称。',
    '請檢查 CA URL（ca.url）中的主機名稱和此電腦的 DNS 伺服器（nslookup {host}）；請使用 CA Web 伺服器憑證所簽發的名稱。',
  ),

  'diagnose.proxy.check': m(
    'HTTPS proxy for the CA',
    'CA용 HTTPS 프록시',
    'CA 的 HTTPS 代理服务器',
    'CA 的 HTTPS Proxy',
  ),
  'diagnose.proxy.passes': m(
    '{proxy} passes the CA certificate through unchanged',
    '{proxy}이(가) CA 인증서를 변경 없이 전달함',
    '{proxy} 原样传递 CA 证书',
    '{proxy} 原樣傳遞 CA 憑證',
  ),
  'diagnose.proxy.unreachable': m(
    '{proxy} (HTTPS_PROXY) does not answer ({error})',
    '{proxy}(HTTPS_PROXY)이(가) 응답하지 않음({error})',
    '{proxy}（HTTPS_PROXY）无响应（{error}）',
    '{proxy}（HTTPS_PROXY）沒有回應（{error}）',
  ),
  'diagnose.proxy.refused': m(
    '{proxy} refuses a tunnel to the CA ({status})',
    '{proxy}이(가) CA로의 터널을 거부함({status})',
    '{proxy} 拒绝建立到 CA 的隧道（{status}）',
    '{proxy} 拒絕建立到 CA 的通道（{status}）',
  ),
  'diagnose.proxy.tunnelFailed': m(
    'no TLS connection to the CA through {proxy} ({error})',
    '{proxy}을(를) 통한 CA TLS 연결 없음({error})',
    '无法通过 {proxy} 与 CA 建立 TLS 连接（{error}）',
    '無法透過 {proxy} 與 CA 建立 TLS 連線（{error}）',
  ),
  'diagnose.proxy.intercepting': m(
    '{proxy} intercepts TLS: it presents its own certificate ({subject}, issued by {issuer})',
    '{proxy}이(가) TLS를 가로챔: 자체 인증서({subject}, 발급자 {issuer})를 제시함',
    '{proxy} 拦截 TLS：它出示自己的证书（{subject}，颁发者 {issuer}）',
    '{proxy} 攔截 TLS：它出示自己的憑證（{subject}，簽發者 {issuer}）',
  ),
  'diagnose.proxy.resolution': m(
    'The station connects to the CA directly; the kiosk network stack and administration tools use HTTPS_PROXY. Add the CA host to NO_PROXY and to the proxy bypass list, or fix the proxy: it must pass the CA TLS connection through without inspection, or NTLM channel binding fails.',
    '스테이션은 CA에 직접 연결하지만 키오스크 네트워크 스택과 관리 도구는 HTTPS_PROXY를 사용합니다. CA 호스트를 NO_PROXY와 프록시 우회 목록에 추가하거나 프록시를 수정하십시오. 프록시는 CA TLS 연결을 검사 없이 전달해야 하며, 그렇지 않으면 NTLM 채널 바인딩이 실패합니다.',
    '工作站直接连接 CA；自助终端的网络栈和管理工具使用 HTTPS_PROXY。请将 CA 主机加入 NO_PROXY 和代理服务器的绕过列表，或修正代理服务器：它必须不经检查地传递 CA 的 TLS 连接，否则 NTLM 通道绑定会失败。',
    '工作站直接連線至 CA；Kiosk 的網路堆疊和管理工具使用 HTTPS_PROXY。請將 CA 主機加入 NO_PROXY 和 Proxy 的略過清單，或修正 Proxy：它必須不經檢查地傳遞 CA 的 TLS 連線，否則 NTLM 通道繫結會失敗。',
  ),

  'diagnose.serverCert.check': m(
    'CA web server certificate trusted',
    'CA 웹 서버 인증서 신뢰됨',
    'CA Web 服务器证书受信任',
    'CA Web 伺服器憑證受信任',
  ),
  'diagnose.serverCert.trusted': m(
    'issued for {host} by {issuer}',
    '{issuer}이(가) {host}에 대해 발급함',
    '由 {issuer} 颁发给 {host}',
    '由 {issuer} 簽發給 {host}',
  ),
  'diagnose.serverCert.selfSigned': m(
    'self-signed ({subject}), not issued by a CA in the bundle',
    '자체 서명됨({subject}), 번들에 있는 CA가 발급하지 않음',
    '自签名（{subject}），不是由证书包中的 CA 颁发',
    '自我簽署（{subject}），不是由憑證套件中的 CA 簽發',
  ),
  'diagnose.serverCert.wrongName': m(
    'issued for {names}, not for {host}',
    '{host}이(가) 아닌 {names}에 대해 발급됨',
    '颁发给 {names}，而不是 {host}',
    '簽發給 {names}，而不是 {host}',
  ),
  'diagnose.serverCert.expired': m(
    'expired on {date}',
    '{date}에 만료됨',
    '已于 {date} 过期',
    '已於 {date} 過期',
  ),
  'diagnose.serverCert.notYetValid': m(
    'not valid yet (check this computer clock)',
    '아직 유효하지 않음(이 컴퓨터의 시계를 확인하십시오)',
    '尚未生效（请检查此计算机的时钟）',
    '尚未生效（請檢查此電腦的時鐘）',
  ),
  'diagnose.serverCert.untrustedIssuer': m(
    'issued by {issuer}, which is not in the CA bundle',
    'CA 번들에 없는 {issuer}이(가) 발급함',
    '由 {issuer} 颁发，该颁发者不在 CA 证书包中',
    '由 {issuer} 簽發，該簽發者不在 CA 憑證套件中',
  ),
  'diagnose.serverCert.resolution.selfSigned': m(
    'Bind the CertSrv IIS site to a certificate issued by the enterprise CA instead of a self-signed one.',
    'CertSrv IIS 사이트에 자체 서명 인증서 대신 엔터프라이즈 CA가 발급한 인증서를 바인딩하십시오.',
    '请为 CertSrv IIS 站点绑定由企业 CA 颁发的证书，而不是自签名证书。',
    '請為 CertSrv IIS 網站繫結由企業 CA 簽發的憑證，而不是自我簽署憑證。',
  ),
  'diagnose.serverCert.resolution.wrongName': m(
    'Use a host name the certificate names in the CA URL (ca.url), or give the CA web server a certificate that includes {host}.',
    'CA URL(ca.url)에 인증서에 있는 호스트 이름을 사용하거나 {host}이(가) 포함된 인증서를 CA 웹 서버에 설치하십시오.',
    '请在 CA URL（ca.url）中使用证书所列的主机名，或为 CA Web 服务器安装包含 {host} 的证书。',
    '請在 CA URL（ca.url）中使用憑證所列的主機名稱，或為 CA Web 伺服器安裝包含 {host} 的憑證。',
  ),
  'diagnose.serverCert.resolution.expired': m(
    'Renew the CA web server certificate and bind the new one in IIS.',
    'CA 웹 서버 인증서를 갱신하고 IIS에 새 인증서를 바인딩하십시오.',
    '请续订 CA Web 服务器证书，并在 IIS 中绑定新证书。',
    '請續訂 CA Web 伺服器憑證，並在 IIS 中繫結新憑證。',
  ),
  'diagnose.serverCert.resolution.untrustedIssuer': m(
    'Put the certificate of the CA that issued the web server certificate into the CA bundle file (ca.caBundleFile).',
    '웹 서버 인증서를 발급한 CA의 인증서를 CA 번들 파일(ca.caBundleFile)에 넣으십시오.',
    '请将颁发 Web 服务器证书的 CA 的证书放入 CA 证书包文件（ca.caBundleFile）。',
    '請將簽發 Web 伺服器憑證的 CA 的憑證放入 CA 憑證套件檔案（ca.caBundleFile）。',
  ),

  'diagnose.signInName.check': m(
    'sign-in name in the client certificate',
    '클라이언트 인증서의 로그인 이름',
    '客户端证书中的登录名',
    '用戶端憑證中的登入名稱',
  ),
  'diagnose.signInName.ok': m(
    '{upn} is accepted by the CA',
    'CA가 {upn}을(를) 받아들임',
    'CA 接受 {upn}',
    'CA 接受 {upn}',
  ),
  'diagnose.signInName.refused': m(
    'the CA refuses the certificate for {upn}',
    'CA가 {upn}의 인증서를 거부함',
    'CA 拒绝 {upn} 的证书',
    'CA 拒絕 {upn} 的憑證',
  ),
  'diagnose.signInName.resolution': m(
    "If the station account's sign-in name (UPN) changed, its client certificate still carries the old one and no longer maps to the account: issue a new client certificate for the current name and set it in ca.auth.certFile.",
    '스테이션 계정의 로그인 이름(UPN)이 바뀌었다면 클라이언트 인증서에는 이전 이름이 남아 있어 더 이상 계정에 매핑되지 않습니다. 현재 이름으로 새 클라이언트 인증서를 발급받아 ca.auth.certFile에 설정하십시오.',
    '如果工作站帐户的登录名（UPN）已更改，其客户端证书仍带有旧名称，不再映射到该帐户：请为当前名称获取新的客户端证书，并在 ca.auth.certFile 中设置。',
    '如果工作站帳戶的登入名稱（UPN）已變更，其用戶端憑證仍帶有舊名稱，不再對應到該帳戶：請為目前名稱取得新的用戶端憑證，並在 ca.auth.certFile 中設定。',
  ),

  'diagnose.agent.check': m(
    'operator card in {reader}',
    '{reader}의 운영자 카드',
    '{reader} 中的操作员卡',
    '{reader} 中的操作員卡',
  ),
  'diagnose.agent.valid': m(
    'Enrollment Agent certificate of {upn} valid until {date}',
    '{upn}의 등록 에이전트 인증서가 {date}까지 유효함',
    '{upn} 的注册代理证书有效期至 {date}',
    '{upn} 的註冊代理程式憑證有效期至 {date}',
  ),
  'diagnose.agent.expiring': m(
    'Enrollment Agent certificate of {upn} expires on {date} ({days, plural, one {# day} other {# days}} left)',
    '{upn}의 등록 에이전트 인증서가 {date}에 만료됨({days}일 남음)',
    '{upn} 的注册代理证书将于 {date} 过期（剩余 {days} 天）',
    '{upn} 的註冊代理程式憑證將於 {date} 過期（剩餘 {days} 天）',
  ),
  'diagnose.agent.expired': m(
    'Enrollment Agent certificate of {upn} expired on {date}',
    '{upn}의 등록 에이전트 인증서가 {date}에 만료됨',
    '{upn} 的注册代理证书已于 {date} 过期',
    '{upn} 的註冊代理程式憑證已於 {date} 過期',
  ),
  'diagnose.agent.resolution': m(
    'Ask the PKI team to renew the operator card Enrollment Agent certificate (template {template}) before it expires: with an expired one the CA refuses every enrollment on behalf of others.',
    '만료되기 전에 PKI 팀에 운영자 카드의 등록 에이전트 인증서(템플릿 {template}) 갱신을 요청하십시오. 만료된 인증서로는 CA가 모든 대리 등록을 거부합니다.',
    '请在过期前联系 PKI 团队续订操作员卡的注册代理证书（模板 {template}）：证书过期后，CA 会拒绝所有代他人注册的申请。',
    '請在過期前聯絡 PKI 團隊續訂操作員卡的註冊代理程式憑證（範本 {template}）：憑證過期後，CA 會拒絕所有代他人註冊的要求。',
  ),

  'diagnose.credentials.check': m('credentials accepted', '자격 증명 수락됨', '凭据已被接受', '認證已被接受'),
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
