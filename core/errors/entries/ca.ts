// The certification authority: the /certsrv conversation (core/ca/errors.ts, core/ca/transport.ts),
// what a request can end in, and the station clock the CA's Date header measures.
import { e } from '../entry.ts';

export const CA = {
  CA_UNREACHABLE: e(
    [
      'The certification authority cannot be reached.',
      'Check the network and the CA web enrollment address; IT support can run "station diagnose" for details. Nothing was written to the card.',
      {
        cli: 'Check the network and the CA web enrollment address; run "station diagnose" for details. Nothing was written to the card.',
      },
    ],
    [
      '인증 기관에 연결할 수 없습니다.',
      '네트워크와 CA 웹 등록 주소를 확인하십시오. IT 지원팀이 "station diagnose"로 자세한 내용을 확인할 수 있습니다. 카드에는 아무것도 기록되지 않았습니다.',
      {
        cli: '네트워크와 CA 웹 등록 주소를 확인하십시오. 자세한 내용은 "station diagnose"를 실행하십시오. 카드에는 아무것도 기록되지 않았습니다.',
      },
    ],
    [
      '无法连接到证书颁发机构。',
      '请检查网络和 CA Web 注册地址；IT 支持人员可运行“station diagnose”查看详情。卡片上未写入任何内容。',
      { cli: '请检查网络和 CA Web 注册地址；运行“station diagnose”查看详情。卡片上未写入任何内容。' },
    ],
    [
      '無法連線至憑證授權單位。',
      '請檢查網路和 CA Web 註冊位址；IT 支援人員可執行「station diagnose」查看詳情。卡片上未寫入任何內容。',
      { cli: '請檢查網路和 CA Web 註冊位址；執行「station diagnose」查看詳情。卡片上未寫入任何內容。' },
    ],
  ),
  CA_REJECTED: e(
    [
      'The certification authority refused the request.',
      'See the reason and its resolution below; the request number is recorded for the PKI team.',
    ],
    [
      '인증 기관이 요청을 거부했습니다.',
      '아래의 사유와 조치 방법을 확인하십시오. PKI 팀이 확인할 수 있도록 요청 번호가 기록되었습니다.',
    ],
    ['证书颁发机构拒绝了申请。', '请查看下面的原因和处理办法；申请编号已记录，供 PKI 团队参考。'],
    ['憑證授權單位拒絕了要求。', '請查看下方的原因和處理辦法；要求編號已記錄，供 PKI 團隊參考。'],
  ),
  CA_DENIED: e(
    [
      'The certification authority denied the request without giving a reason.',
      'Give the request number {reqId} to the PKI team; they find the reason under Failed Requests on the CA console.',
    ],
    [
      '인증 기관이 사유 없이 요청을 거부했습니다.',
      'PKI 팀에 요청 번호({reqId})를 전달하십시오. PKI 팀은 CA 콘솔의 "실패한 요청"에서 사유를 확인할 수 있습니다.',
    ],
    [
      '证书颁发机构拒绝了申请，但未说明原因。',
      '请将申请编号 {reqId} 告知 PKI 团队；他们可以在 CA 控制台的“失败的申请”中查看原因。',
    ],
    [
      '憑證授權單位拒絕了要求，但未說明原因。',
      '請將要求編號 {reqId} 告知 PKI 團隊；他們可以在 CA 主控台的「失敗的要求」中查看原因。',
    ],
  ),
  CA_REVOKED: e(
    [
      'The certificate for this request was issued and then revoked.',
      'Do not use it. Ask the PKI team why request {reqId} was revoked before enrolling the card again.',
    ],
    [
      '이 요청의 인증서가 발급된 후 해지되었습니다.',
      '이 인증서를 사용하지 마십시오. 카드를 다시 등록하기 전에 요청 {reqId}의 인증서가 해지된 이유를 PKI 팀에 문의하십시오.',
    ],
    [
      '此申请的证书已签发，随后被吊销。',
      '请勿使用该证书。重新注册此卡之前，请向 PKI 团队询问申请 {reqId} 被吊销的原因。',
    ],
    [
      '此要求的憑證已簽發，隨後被撤銷。',
      '請勿使用該憑證。重新註冊此卡之前，請向 PKI 團隊詢問要求 {reqId} 被撤銷的原因。',
    ],
  ),
  CA_FAILED: e(
    [
      'The certification authority could not process the request.',
      'Give the request number {reqId} to the PKI team; the CA event log holds the reason.',
    ],
    [
      '인증 기관이 요청을 처리하지 못했습니다.',
      'PKI 팀에 요청 번호({reqId})를 전달하십시오. 사유는 CA 이벤트 로그에서 확인할 수 있습니다.',
    ],
    ['证书颁发机构无法处理此申请。', '请将申请编号 {reqId} 告知 PKI 团队；原因记录在 CA 事件日志中。'],
    ['憑證授權單位無法處理此要求。', '請將要求編號 {reqId} 告知 PKI 團隊；原因記錄在 CA 的事件記錄檔中。'],
  ),
  CA_PENDING: e(
    [
      'The request is waiting for approval by a certificate manager.',
      'The card keeps its new key; once the request is approved, choose "Resume" and the station fetches and installs the certificate.',
      {
        cli: 'The card keeps its new key; once the request is approved, run "station recover" with the card inserted and the station fetches and installs the certificate.',
      },
    ],
    [
      '요청이 인증서 관리자의 승인을 기다리고 있습니다.',
      '카드는 새 키를 유지합니다. 요청이 승인되면 "재개"를 선택하십시오. 스테이션이 인증서를 받아 설치합니다.',
      {
        cli: '카드는 새 키를 유지합니다. 요청이 승인되면 카드를 넣고 "station recover"를 실행하십시오. 스테이션이 인증서를 받아 설치합니다.',
      },
    ],
    [
      '申请正在等待证书管理员批准。',
      '卡片会保留新密钥；申请获批后选择“继续”，工作站将获取并安装证书。',
      { cli: '卡片会保留新密钥；申请获批后插入卡片并运行“station recover”，工作站将获取并安装证书。' },
    ],
    [
      '要求正在等待憑證管理員核准。',
      '卡片會保留新金鑰；要求核准後選擇「繼續」，工作站將取得並安裝憑證。',
      { cli: '卡片會保留新金鑰；要求核准後插入卡片並執行「station recover」，工作站將取得並安裝憑證。' },
    ],
  ),
  CA_OUTCOME_UNKNOWN: e(
    [
      'The station could not learn whether the CA received the request.',
      'Do not submit again. Ask the PKI team to look for a request from this station at the recorded time (Issued, Pending and Failed Requests); then resume or roll back.',
      {
        cli: 'Do not submit again. Ask the PKI team to look for a request from this station at the recorded time (Issued, Pending and Failed Requests), then run "station recover" with --reqid ID=N if they found one, or --abandon ID if nothing arrived.',
      },
    ],
    [
      '스테이션이 CA의 요청 수신 여부를 확인하지 못했습니다.',
      '다시 제출하지 마십시오. 기록된 시각에 이 스테이션에서 보낸 요청이 있는지(발급된 인증서, 보류 중인 요청, 실패한 요청) PKI 팀에 확인을 요청한 후 재개하거나 되돌리십시오.',
      {
        cli: '다시 제출하지 마십시오. 기록된 시각에 이 스테이션에서 보낸 요청이 있는지(발급된 인증서, 보류 중인 요청, 실패한 요청) PKI 팀에 확인을 요청한 후, 요청이 있으면 "station recover --reqid ID=N", 없으면 "station recover --abandon ID"를 실행하십시오.',
      },
    ],
    [
      '工作站无法确认 CA 是否收到了申请。',
      '请勿重复提交。请 PKI 团队查找本工作站在记录时间发出的申请（颁发的证书、挂起的申请、失败的申请），然后继续或回滚。',
      {
        cli: '请勿重复提交。请 PKI 团队查找本工作站在记录时间发出的申请（颁发的证书、挂起的申请、失败的申请）；找到时运行“station recover --reqid ID=N”，没有收到时运行“station recover --abandon ID”。',
      },
    ],
    [
      '工作站無法確認 CA 是否收到了要求。',
      '請勿重複提交。請 PKI 團隊尋找本工作站在記錄時間發出的要求（已發出的憑證、擱置的要求、失敗的要求），然後繼續或復原。',
      {
        cli: '請勿重複提交。請 PKI 團隊尋找本工作站在記錄時間發出的要求（已發出的憑證、擱置的要求、失敗的要求）；找到時執行「station recover --reqid ID=N」，沒有收到時執行「station recover --abandon ID」。',
      },
    ],
  ),
  CERT_CHECK_FAILED: e(
    [
      'The issued certificate does not match what was requested.',
      'It was not written to the card. Give the reasons shown to the PKI team (template, UPN, SID or chain).',
    ],
    [
      '발급된 인증서가 요청한 내용과 일치하지 않습니다.',
      '카드에 기록되지 않았습니다. 표시된 사유(템플릿, UPN, SID 또는 체인)를 PKI 팀에 전달하십시오.',
    ],
    ['签发的证书与申请不符。', '证书未写入卡片。请将显示的原因（模板、UPN、SID 或证书链）告知 PKI 团队。'],
    ['簽發的憑證與要求不符。', '憑證未寫入卡片。請將顯示的原因（範本、UPN、SID 或憑證鏈）告知 PKI 團隊。'],
  ),
  CLOCK_SKEW: e(
    [
      "The station's clock differs from the CA's by {skewSeconds} seconds.",
      'Set the station clock from the domain time source (w32tm /resync or NTP); Kerberos fails beyond 5 minutes of skew.',
    ],
    [
      '스테이션 시계가 CA 시계와 {skewSeconds}초 차이 납니다.',
      '도메인 시간 원본에서 스테이션 시계를 맞추십시오(w32tm /resync 또는 NTP). 5분을 넘게 차이 나면 Kerberos 인증이 실패합니다.',
    ],
    [
      '工作站时钟与 CA 相差 {skewSeconds} 秒。',
      '请用域时间源校准工作站时钟（w32tm /resync 或 NTP）；偏差超过 5 分钟时 Kerberos 会失败。',
    ],
    [
      '工作站時鐘與 CA 相差 {skewSeconds} 秒。',
      '請用網域時間來源校正工作站時鐘（w32tm /resync 或 NTP）；偏差超過 5 分鐘時 Kerberos 會失敗。',
    ],
  ),

  // --- the /certsrv conversation ------------------------------------------------------------
  CA_URL_REFUSED: e(
    [
      'The configured CA address is not one the station will use.',
      'Configure the CA as an https:// URL ending in /certsrv/, without a user name or password in it.',
    ],
    [
      '설정된 CA 주소는 스테이션이 사용할 수 없는 주소입니다.',
      'CA 주소를 /certsrv/로 끝나는 https:// URL로 설정하고 사용자 이름이나 암호를 넣지 마십시오.',
    ],
    [
      '配置的 CA 地址不是工作站可以使用的地址。',
      '请将 CA 配置为以 /certsrv/ 结尾的 https:// URL，其中不要包含用户名或密码。',
    ],
    [
      '設定的 CA 位址不是工作站可以使用的位址。',
      '請將 CA 設定為以 /certsrv/ 結尾的 https:// URL，其中不要包含使用者名稱或密碼。',
    ],
  ),
  CA_REDIRECT_REFUSED: e(
    [
      'The CA web server redirected the station away from its https address.',
      'Fix the redirect on the server or configure the final https:// URL of /certsrv/.',
    ],
    [
      'CA 웹 서버가 스테이션을 원래의 https 주소가 아닌 곳으로 리디렉션했습니다.',
      '서버의 리디렉션을 수정하거나 /certsrv/의 최종 https:// URL을 설정하십시오.',
    ],
    [
      'CA Web 服务器将工作站重定向到了其 https 地址以外的位置。',
      '请修正服务器上的重定向，或配置 /certsrv/ 的最终 https:// URL。',
    ],
    [
      'CA Web 伺服器將工作站重新導向至其 https 位址以外的位置。',
      '請修正伺服器上的重新導向，或設定 /certsrv/ 的最終 https:// URL。',
    ],
  ),
  CA_AUTH_FAILED: e(
    [
      'The CA web server did not accept the station account.',
      'Check the account name and password (or client certificate) and that the account is not locked or disabled.',
    ],
    [
      'CA 웹 서버가 스테이션 계정을 받아들이지 않았습니다.',
      '계정 이름과 암호(또는 클라이언트 인증서)를 확인하고 계정이 잠기거나 사용 중지되지 않았는지 확인하십시오.',
    ],
    ['CA Web 服务器不接受工作站帐户。', '请检查帐户名和密码（或客户端证书），并确认帐户未被锁定或禁用。'],
    ['CA Web 伺服器不接受工作站帳戶。', '請檢查帳戶名稱和密碼（或用戶端憑證），並確認帳戶未被鎖定或停用。'],
  ),
  CA_AUTH_PROTOCOL: e(
    [
      'The Windows (NTLM) sign-in with the CA web server broke off.',
      'Check for a proxy or load balancer between the station and IIS that does not keep the connection open; the station needs one connection for the whole sign-in.',
    ],
    [
      'CA 웹 서버와의 Windows(NTLM) 로그인이 중간에 끊어졌습니다.',
      '스테이션과 IIS 사이에 연결을 유지하지 않는 프록시나 부하 분산 장치가 있는지 확인하십시오. 로그인 전체에 하나의 연결이 필요합니다.',
    ],
    [
      '与 CA Web 服务器的 Windows（NTLM）登录中断。',
      '请检查工作站与 IIS 之间是否有不保持连接的代理或负载均衡器；整个登录过程需要同一个连接。',
    ],
    [
      '與 CA Web 伺服器的 Windows（NTLM）登入中斷。',
      '請檢查工作站與 IIS 之間是否有不保持連線的 Proxy 或負載平衡器；整個登入過程需要同一個連線。',
    ],
  ),
  CA_FORBIDDEN: e(
    [
      'The CA web server refused access (403).',
      'Check the IIS settings of /certsrv: SSL and client-certificate requirements and IP restrictions.',
    ],
    [
      'CA 웹 서버가 액세스를 거부했습니다(403).',
      '/certsrv의 IIS 설정(SSL 및 클라이언트 인증서 요구 사항, IP 제한)을 확인하십시오.',
    ],
    ['CA Web 服务器拒绝访问（403）。', '请检查 /certsrv 的 IIS 设置：SSL 和客户端证书要求以及 IP 限制。'],
    ['CA Web 伺服器拒絕存取（403）。', '請檢查 /certsrv 的 IIS 設定：SSL 和用戶端憑證需求以及 IP 限制。'],
  ),
  CA_NOT_FOUND: e(
    [
      'There is no web enrollment at the configured CA address (404).',
      'Check the configured CA URL; it ends in /certsrv/ on a server with Certificate Authority Web Enrollment installed.',
    ],
    [
      '설정된 CA 주소에 웹 등록이 없습니다(404).',
      '설정된 CA URL을 확인하십시오. 인증 기관 웹 등록이 설치된 서버의 /certsrv/로 끝나야 합니다.',
    ],
    [
      '配置的 CA 地址上没有 Web 注册（404）。',
      '请检查配置的 CA URL；它应以 /certsrv/ 结尾，并指向安装了证书颁发机构 Web 注册的服务器。',
    ],
    [
      '設定的 CA 位址上沒有 Web 註冊（404）。',
      '請檢查設定的 CA URL；它應以 /certsrv/ 結尾，並指向安裝了憑證授權單位 Web 註冊的伺服器。',
    ],
  ),
  CA_SERVER_ERROR: e(
    ['The CA web server failed ({status}).', 'Check the CA web server and its event log, then retry later.'],
    [
      'CA 웹 서버에 오류가 발생했습니다({status}).',
      'CA 웹 서버와 이벤트 로그를 확인한 후 나중에 다시 시도하십시오.',
    ],
    ['CA Web 服务器出错（{status}）。', '请检查 CA Web 服务器及其事件日志，稍后重试。'],
    ['CA Web 伺服器發生錯誤（{status}）。', '請檢查 CA Web 伺服器及其事件記錄檔，稍後重試。'],
  ),
  CA_UNEXPECTED_STATUS: e(
    [
      'The CA web server gave an unexpected answer ({status}).',
      'Keep the diagnostic details and contact the CA administrator.',
    ],
    [
      'CA 웹 서버가 예상치 못한 응답을 보냈습니다({status}).',
      '진단 정보를 보관하고 CA 관리자에게 문의하십시오.',
    ],
    ['CA Web 服务器返回了意外的应答（{status}）。', '请保留诊断信息并联系 CA 管理员。'],
    ['CA Web 伺服器傳回了非預期的回應（{status}）。', '請保留診斷資訊並聯絡 CA 系統管理員。'],
  ),
  CA_UNRECOGNISED_PAGE: e(
    [
      'The CA answered with a page the station cannot read.',
      'A proxy, an error page or an unsupported web enrollment version is in the way; keep the diagnostic page for the CA administrator.',
    ],
    [
      'CA가 스테이션이 읽을 수 없는 페이지로 응답했습니다.',
      '프록시, 오류 페이지 또는 지원되지 않는 웹 등록 버전 때문입니다. CA 관리자가 확인할 수 있도록 진단 페이지를 보관하십시오.',
    ],
    [
      'CA 返回了工作站无法读取的页面。',
      '可能是代理、错误页面或不受支持的 Web 注册版本所致；请为 CA 管理员保留诊断页面。',
    ],
    [
      'CA 傳回了工作站無法讀取的頁面。',
      '可能是 Proxy、錯誤頁面或不受支援的 Web 註冊版本所致；請為 CA 系統管理員保留診斷頁面。',
    ],
  ),
  CA_BAD_CONTENT_TYPE: e(
    [
      'The CA returned something other than a certificate.',
      'Check the request on the CA console; keep the diagnostic details.',
    ],
    ['CA가 인증서가 아닌 다른 것을 반환했습니다.', 'CA 콘솔에서 요청을 확인하고 진단 정보를 보관하십시오.'],
    ['CA 返回的不是证书。', '请在 CA 控制台上检查该申请，并保留诊断信息。'],
    ['CA 傳回的不是憑證。', '請在 CA 主控台上檢查該要求，並保留診斷資訊。'],
  ),
  CA_BAD_CERTIFICATE: e(
    [
      'The CA returned data that is not a valid certificate.',
      'Nothing was written to the card. Keep the diagnostic details for the CA administrator.',
    ],
    [
      'CA가 유효한 인증서가 아닌 데이터를 반환했습니다.',
      '카드에는 아무것도 기록되지 않았습니다. CA 관리자가 확인할 수 있도록 진단 정보를 보관하십시오.',
    ],
    ['CA 返回的数据不是有效的证书。', '卡片上未写入任何内容。请为 CA 管理员保留诊断信息。'],
    ['CA 傳回的資料不是有效的憑證。', '卡片上未寫入任何內容。請為 CA 系統管理員保留診斷資訊。'],
  ),
  CA_RESPONSE_TOO_LARGE: e(
    [
      'The CA answer was far larger than any web enrollment page.',
      'Check for a proxy in the way or a wrong CA URL.',
    ],
    [
      'CA 응답이 웹 등록 페이지보다 훨씬 큽니다.',
      '중간에 프록시가 있는지, CA URL이 잘못되지 않았는지 확인하십시오.',
    ],
    ['CA 的应答远大于任何 Web 注册页面。', '请检查中间是否有代理，或 CA URL 是否有误。'],
    ['CA 的回應遠大於任何 Web 註冊頁面。', '請檢查中間是否有 Proxy，或 CA URL 是否有誤。'],
  ),
  CA_TIMEOUT: e(
    [
      'The CA did not answer in time.',
      'Do not submit again: check the CA and the network, then re-check the request.',
    ],
    [
      'CA가 제시간에 응답하지 않았습니다.',
      '다시 제출하지 마십시오. CA와 네트워크를 확인한 후 요청 상태를 다시 확인하십시오.',
    ],
    ['CA 未及时响应。', '请勿重复提交：请检查 CA 和网络，然后重新查询此申请的状态。'],
    ['CA 未及時回應。', '請勿重複提交：請檢查 CA 和網路，然後重新查詢此要求的狀態。'],
  ),
  CA_CONNECT_TIMEOUT: e(
    [
      'The CA web server could not be reached in time.',
      'Check the network, DNS and firewall between the station and the CA web server.',
    ],
    [
      'CA 웹 서버에 제시간에 연결할 수 없습니다.',
      '스테이션과 CA 웹 서버 사이의 네트워크, DNS, 방화벽을 확인하십시오.',
    ],
    ['无法及时连接 CA Web 服务器。', '请检查工作站与 CA Web 服务器之间的网络、DNS 和防火墙。'],
    ['無法及時連線至 CA Web 伺服器。', '請檢查工作站與 CA Web 伺服器之間的網路、DNS 和防火牆。'],
  ),
  CA_TLS_UNTRUSTED: e(
    [
      "The CA web server's TLS certificate is not trusted.",
      'It is not signed by a CA in the configured bundle, or it does not match the server name; fix the CA bundle file or the URL. TLS is never switched off.',
    ],
    [
      'CA 웹 서버의 TLS 인증서를 신뢰할 수 없습니다.',
      '인증서가 설정된 번들의 CA에서 서명한 것이 아니거나 서버 이름과 일치하지 않습니다. CA 번들 파일 또는 URL을 수정하십시오. 스테이션은 어떤 경우에도 TLS를 끄지 않습니다.',
    ],
    [
      'CA Web 服务器的 TLS 证书不受信任。',
      '它不是由配置的证书包中的 CA 签发，或与服务器名称不符；请修正 CA 证书包文件或 URL。工作站在任何情况下都不会关闭 TLS。',
    ],
    [
      'CA Web 伺服器的 TLS 憑證不受信任。',
      '它不是由設定的憑證套件中的 CA 簽發，或與伺服器名稱不符；請修正 CA 憑證套件檔案或 URL。工作站在任何情況下都不會關閉 TLS。',
    ],
  ),
  CA_NETWORK: e(
    ['The connection to the CA failed.', 'Check the network and retry.'],
    ['CA 연결에 실패했습니다.', '네트워크를 확인한 후 다시 시도하십시오.'],
    ['与 CA 的连接失败。', '请检查网络后重试。'],
    ['與 CA 的連線失敗。', '請檢查網路後重試。'],
  ),
  CA_REQUEST_UNKNOWN: e(
    [
      'The CA has no request with this number.',
      "Check the request number against the CA's Issued, Pending and Failed Requests; it may belong to another CA.",
    ],
    [
      'CA에 이 번호의 요청이 없습니다.',
      'CA의 발급된 인증서, 보류 중인 요청, 실패한 요청에서 요청 번호를 확인하십시오. 다른 CA의 요청일 수 있습니다.',
    ],
    [
      'CA 上没有此编号的申请。',
      '请在 CA 的“颁发的证书”“挂起的申请”和“失败的申请”中核对申请编号；它可能属于另一个 CA。',
    ],
    [
      'CA 上沒有此編號的要求。',
      '請在 CA 的「已發出的憑證」「擱置的要求」和「失敗的要求」中核對要求編號；它可能屬於另一個 CA。',
    ],
  ),
  CA_INVALID_INPUT: e(
    [
      'The station built an invalid request.',
      'Report this to IT support as a station defect, with the time and the code shown.',
    ],
    [
      '스테이션이 잘못된 요청을 만들었습니다.',
      '스테이션 결함으로 IT 지원팀에 보고하고 시각과 표시된 코드를 함께 전달하십시오.',
    ],
    ['工作站生成了无效的申请。', '请将此情况作为工作站缺陷报告给 IT 支持人员，并附上时间和显示的代码。'],
    ['工作站產生了無效的要求。', '請將此情況作為工作站缺陷回報給 IT 支援人員，並附上時間和顯示的代碼。'],
  ),
  CA_LEDGER: e(
    [
      'The request ledger could not be written, so nothing was submitted.',
      'Check the disk space and permissions of the station data folder before enrolling.',
    ],
    [
      '요청 원장을 기록할 수 없어 아무것도 제출하지 않았습니다.',
      '등록하기 전에 스테이션 데이터 폴더의 디스크 공간과 권한을 확인하십시오.',
    ],
    ['无法写入申请台账，因此未提交任何内容。', '注册前请检查工作站数据文件夹的磁盘空间和权限。'],
    ['無法寫入要求分類帳，因此未提交任何內容。', '註冊前請檢查工作站資料所在資料夾的磁碟空間和權限。'],
  ),
  CA_PASSWORD_MISSING: e(
    [
      'The password of the station account is not set.',
      'Set the environment variable {variable} to the password of the CA account before starting the station.',
    ],
    [
      '스테이션 계정의 암호가 설정되지 않았습니다.',
      '스테이션을 시작하기 전에 환경 변수 {variable}에 CA 계정의 암호를 설정하십시오.',
    ],
    ['未设置工作站帐户的密码。', '启动工作站前，请在环境变量 {variable} 中设置 CA 帐户的密码。'],
    ['未設定工作站帳戶的密碼。', '啟動工作站前，請在環境變數 {variable} 中設定 CA 帳戶的密碼。'],
  ),
  CA_BUNDLE_INVALID: e(
    [
      'The CA bundle file holds no usable certificate.',
      'Put the PEM certificates of the CAs that sign the CA web server into {file}.',
    ],
    [
      'CA 번들 파일에 사용할 수 있는 인증서가 없습니다.',
      'CA 웹 서버의 인증서에 서명하는 CA의 PEM 인증서를 {file}에 넣으십시오.',
    ],
    ['CA 证书包文件中没有可用的证书。', '请将签发 CA Web 服务器证书的 CA 的 PEM 证书放入 {file}。'],
    ['CA 憑證套件檔案中沒有可用的憑證。', '請將簽發 CA Web 伺服器憑證的 CA 的 PEM 憑證放入 {file}。'],
  ),
} as const;
