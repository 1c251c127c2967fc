// What each HRESULT a /certsrv page can carry means and what to do (core/ca/hresult.ts maps the
// numbers to these codes). English follows Microsoft's descriptions; CA console names in the
// other languages are Microsoft's localized ones (docs/errors.md glossary).
import { e } from '../entry.ts';

export const HRESULT = {
  CA_TEMPLATE_DENIED: e(
    [
      'The requesting account (for enroll-on-behalf: the enrollment agent) may not enroll for this template.',
      "Give the account (or the agent) Read and Enroll on the template's Security tab, then retry.",
    ],
    [
      '요청 계정(대리 등록에서는 등록 에이전트)에 이 템플릿에 대한 등록 권한이 없습니다.',
      '템플릿의 보안 탭에서 계정(또는 에이전트)에 읽기 및 등록 권한을 부여한 후 다시 시도하십시오.',
    ],
    [
      '申请帐户（代表注册时为注册代理）无权注册此模板。',
      '请在模板的“安全”选项卡上授予该帐户（或代理）“读取”和“注册”权限，然后重试。',
    ],
    [
      '要求帳戶（代表註冊時為註冊代理程式）無權註冊此範本。',
      '請在範本的「安全性」索引標籤上授予該帳戶（或代理程式）「讀取」和「註冊」權限，然後重試。',
    ],
  ),
  CA_ENROLL_DENIED: e(
    [
      "The CA's own security settings do not let this account request certificates.",
      'On the CA (Properties > Security) grant the account "Request Certificates".',
    ],
    [
      'CA 자체의 보안 설정에서 이 계정의 인증서 요청을 허용하지 않습니다.',
      'CA의 속성 > 보안에서 계정에 "인증서 요청" 권한을 부여하십시오.',
    ],
    ['CA 本身的安全设置不允许此帐户申请证书。', '请在 CA 的“属性 > 安全”中授予该帐户“请求证书”权限。'],
    [
      'CA 本身的安全性設定不允許此帳戶要求憑證。',
      '請在 CA 的「內容 > 安全性」中授予該帳戶「要求憑證」權限。',
    ],
  ),
  CA_TEMPLATE_NOT_PUBLISHED: e(
    [
      'The template is unknown to this CA, not published on it, or the CA cannot read it.',
      'Check the template name (use its short name, e.g. SmartcardUser) and add it to "Certificate Templates to Issue" on this CA.',
    ],
    [
      '이 CA에 알려지지 않은 템플릿이거나, 이 CA에 게시되지 않은 템플릿이거나, CA가 템플릿을 읽을 수 없습니다.',
      '템플릿 이름(짧은 이름, 예: SmartcardUser)을 확인하고 이 CA의 "발급할 인증서 템플릿"에 추가하십시오.',
    ],
    [
      '此 CA 无法识别该模板、未发布该模板，或无法读取该模板。',
      '请检查模板名称（使用短名称，例如 SmartcardUser），并在此 CA 上将其添加到“要颁发的证书模板”。',
    ],
    [
      '此 CA 無法識別該範本、未發佈該範本，或無法讀取該範本。',
      '請檢查範本名稱（使用簡短名稱，例如 SmartcardUser），並在此 CA 上將其新增至「要發出的憑證範本」。',
    ],
  ),
  CA_TEMPLATE_MISSING: e(
    [
      'The request named no certificate template.',
      'Configure the template name for this enrollment profile (ca.template).',
    ],
    [
      '요청에 인증서 템플릿이 지정되지 않았습니다.',
      '이 등록 프로필의 템플릿 이름(ca.template)을 설정하십시오.',
    ],
    ['申请中未指定证书模板。', '请为此注册配置文件设置模板名称（ca.template）。'],
    ['要求中未指定憑證範本。', '請為此註冊設定檔設定範本名稱（ca.template）。'],
  ),
  CA_TEMPLATE_CONFLICT: e(
    [
      'The template named in the request attributes differs from the one inside the request.',
      'Request one template only: remove the template extension from the request or make both agree.',
    ],
    [
      '요청 특성에 지정된 템플릿이 요청 내부의 템플릿과 다릅니다.',
      '템플릿을 하나만 요청하십시오. 요청에서 템플릿 확장을 제거하거나 두 값을 일치시키십시오.',
    ],
    ['申请属性中指定的模板与申请内部的模板不同。', '请只指定一个模板：从申请中删除模板扩展，或使两者一致。'],
    ['要求屬性中指定的範本與要求內部的範本不同。', '請只指定一個範本：從要求中移除範本延伸，或使兩者一致。'],
  ),
  CA_TEMPLATE_NOT_FOR_EOBO: e(
    [
      'An enroll-on-behalf request was sent for a template that requires no authorized signature.',
      "In the template's Issuance Requirements set 1 authorized signature with application policy Certificate Request Agent.",
    ],
    [
      '인증된 서명이 필요 없는 템플릿에 대해 대리 등록 요청을 보냈습니다.',
      '템플릿의 발급 요구 사항 탭에서 인증된 서명 수를 1로 설정하고, 응용 프로그램 정책으로 "인증서 요청 에이전트"를 지정하십시오.',
    ],
    [
      '针对不需要授权签名的模板发送了代表注册申请。',
      '请在模板的“颁发要求”选项卡上将授权签名数设为 1，并将应用程序策略设为“证书申请代理”。',
    ],
    [
      '針對不需要授權簽章的範本傳送了代表註冊要求。',
      '請在範本的「發行需求」索引標籤上將授權簽章數目設為 1，並將應用程式原則設為「憑證要求代理程式」。',
    ],
  ),
  CA_TEMPLATE_POLICY_REQUIRED: e(
    [
      'The template requires a signature policy that the request lacks.',
      "Check the template's Issuance Requirements against the agent certificate's policies.",
    ],
    [
      '템플릿에는 서명 정책이 필요하지만 요청에는 해당 정책이 없습니다.',
      '템플릿의 발급 요구 사항을 에이전트 인증서의 정책과 비교하여 확인하십시오.',
    ],
    ['模板要求签名策略，但申请中没有该策略。', '请对照代理证书的策略检查模板的“颁发要求”。'],
    ['範本要求簽章原則，但要求中沒有該原則。', '請對照代理程式憑證的原則檢查範本的「發行需求」。'],
  ),
  CA_AGENT_SIGNATURE_REQUIRED: e(
    [
      'The template requires an enrollment agent signature and the request has none.',
      'Enroll on behalf of the user with an Enrollment Agent certificate (or use a template without that requirement).',
    ],
    [
      '템플릿에 등록 에이전트 서명이 필요하지만 요청에 없습니다.',
      '등록 에이전트 인증서로 사용자를 대신해 등록하거나 이 요구 사항이 없는 템플릿을 사용하십시오.',
    ],
    ['模板要求注册代理签名，但申请中没有。', '请使用注册代理证书代表用户注册（或使用没有此要求的模板）。'],
    [
      '範本要求註冊代理程式簽章，但要求中沒有。',
      '請使用註冊代理程式憑證代表使用者註冊（或使用沒有此需求的範本）。',
    ],
  ),
  CA_AGENT_SIGNATURE_COUNT: e(
    [
      'The request carries fewer authorized signatures than the template requires.',
      'Lower the template\'s "number of authorized signatures" to 1 or add the missing signatures.',
    ],
    [
      '요청의 인증된 서명 수가 템플릿에서 요구하는 수보다 적습니다.',
      '템플릿에서 요구하는 인증된 서명 수를 1로 낮추거나 부족한 서명을 추가하십시오.',
    ],
    ['申请中的授权签名少于模板要求的数量。', '请将模板要求的授权签名数降为 1，或补上缺少的签名。'],
    ['要求中的授權簽章少於範本要求的數量。', '請將範本要求的授權簽章數目降為 1，或補上缺少的簽章。'],
  ),
  CA_AGENT_CERTIFICATE_REJECTED: e(
    [
      'The signing certificate lacks the required application policy (it is not a Certificate Request Agent certificate).',
      'Sign with a valid Enrollment Agent certificate (EKU 1.3.6.1.4.1.311.20.2.1); renew it if it expired.',
    ],
    [
      '서명 인증서에 필요한 응용 프로그램 정책이 없습니다(인증서 요청 에이전트 인증서가 아님).',
      '유효한 등록 에이전트 인증서(EKU 1.3.6.1.4.1.311.20.2.1)로 서명하십시오. 만료되었으면 갱신하십시오.',
    ],
    [
      '签名证书缺少所需的应用程序策略（不是证书申请代理证书）。',
      '请使用有效的注册代理证书（EKU 1.3.6.1.4.1.311.20.2.1）签名；如已过期请续订。',
    ],
    [
      '簽署憑證缺少所需的應用程式原則（不是憑證要求代理程式憑證）。',
      '請使用有效的註冊代理程式憑證（EKU 1.3.6.1.4.1.311.20.2.1）簽署；如已過期請更新。',
    ],
  ),
  CA_AGENT_ISSUANCE_POLICY: e(
    [
      'The signing certificate lacks an issuance policy the template requires.',
      'Use an agent certificate carrying the required issuance policy, or relax the template requirement.',
    ],
    [
      '서명 인증서에 템플릿이 요구하는 발급 정책이 없습니다.',
      '필요한 발급 정책이 있는 에이전트 인증서를 사용하거나 템플릿 요구 사항을 완화하십시오.',
    ],
    ['签名证书缺少模板要求的颁发策略。', '请使用带有所需颁发策略的代理证书，或放宽模板要求。'],
    ['簽署憑證缺少範本要求的發行原則。', '請使用帶有所需發行原則的代理程式憑證，或放寬範本需求。'],
  ),
  CA_USER_NO_UPN: e(
    [
      'The target account has no user principal name in Active Directory.',
      "Set the user's UPN (userPrincipalName) in Active Directory, wait for replication, then retry.",
    ],
    [
      '대상 계정에 Active Directory의 사용자 계정 이름(UPN)이 없습니다.',
      'Active Directory에서 사용자의 UPN(userPrincipalName)을 설정하고 복제를 기다린 후 다시 시도하십시오.',
    ],
    [
      '目标帐户在 Active Directory 中没有用户主体名称。',
      '请在 Active Directory 中设置用户的 UPN（userPrincipalName），等待复制完成后重试。',
    ],
    [
      '目標帳戶在 Active Directory 中沒有使用者主體名稱。',
      '請在 Active Directory 中設定使用者的 UPN（userPrincipalName），等待複寫完成後重試。',
    ],
  ),
  CA_USER_NO_EMAIL: e(
    [
      'The target account has no e-mail address; Smartcard User certificates require one.',
      "Set the user's mail attribute in Active Directory, or use the Smartcard Logon template.",
    ],
    [
      '대상 계정에 전자 메일 주소가 없습니다. 스마트 카드 사용자 인증서에는 전자 메일 주소가 필요합니다.',
      'Active Directory에서 사용자의 mail 특성을 설정하거나 스마트 카드 로그온 템플릿을 사용하십시오.',
    ],
    [
      '目标帐户没有电子邮件地址；智能卡用户证书需要电子邮件地址。',
      '请在 Active Directory 中设置用户的 mail 属性，或改用“智能卡登录”模板。',
    ],
    [
      '目標帳戶沒有電子郵件地址；智慧卡使用者憑證需要電子郵件地址。',
      '請在 Active Directory 中設定使用者的 mail 屬性，或改用「智慧卡登入」範本。',
    ],
  ),
  CA_KEY_TOO_SHORT: e(
    [
      "The key is shorter than the template's minimum key size.",
      'Generate a longer key (RSA 2048 or more) or choose a template that accepts this key.',
    ],
    [
      '키가 템플릿의 최소 키 크기보다 짧습니다.',
      '더 긴 키(RSA 2048 이상)를 생성하거나 이 키를 허용하는 템플릿을 선택하십시오.',
    ],
    ['密钥长度小于模板的最小密钥大小。', '请生成更长的密钥（RSA 2048 或以上），或选择接受此密钥的模板。'],
    ['金鑰短於範本的最小金鑰大小。', '請產生更長的金鑰（RSA 2048 或以上），或選擇接受此金鑰的範本。'],
  ),
  CA_USER_NO_ALT_NAME: e(
    [
      'The directory lacks an attribute needed for the subject alternative name.',
      "Complete the user's directory attributes named by the template's Subject Name tab.",
    ],
    [
      '디렉터리에 주체 대체 이름에 필요한 특성이 없습니다.',
      '템플릿의 주체 이름 탭에 지정된 사용자의 디렉터리 특성을 채우십시오.',
    ],
    ['目录中缺少使用者可选名称所需的属性。', '请补全模板“使用者名称”选项卡所列的用户目录属性。'],
    ['目錄中缺少主體別名所需的屬性。', '請補齊範本「主體名稱」索引標籤所列的使用者目錄屬性。'],
  ),
  CA_USER_NO_GUID: e(
    [
      'The template wants the directory GUID in the subject alternative name and it is unavailable.',
      "Check the template's Subject Name settings and the account's directory object.",
    ],
    [
      '템플릿이 주체 대체 이름에 디렉터리 GUID를 요구하지만 사용할 수 없습니다.',
      '템플릿의 주체 이름 설정과 계정의 디렉터리 개체를 확인하십시오.',
    ],
    [
      '模板要求在使用者可选名称中包含目录 GUID，但无法获得。',
      '请检查模板的“使用者名称”设置和帐户的目录对象。',
    ],
    ['範本要求在主體別名中包含目錄 GUID，但無法取得。', '請檢查範本的「主體名稱」設定和帳戶的目錄物件。'],
  ),
  CA_USER_NO_DNS: e(
    [
      'The template wants a DNS name the account does not have.',
      'Use a user template, or set dNSHostName on the account.',
    ],
    [
      '템플릿이 계정에 없는 DNS 이름을 요구합니다.',
      '사용자 템플릿을 사용하거나 계정에 dNSHostName을 설정하십시오.',
    ],
    ['模板要求帐户没有的 DNS 名称。', '请使用用户模板，或在帐户上设置 dNSHostName。'],
    ['範本要求帳戶沒有的 DNS 名稱。', '請使用使用者範本，或在帳戶上設定 dNSHostName。'],
  ),
  CA_REQUEST_MISSING: e(
    [
      'The request does not exist on the CA.',
      'Check the request number and the CA; submit again only after confirming nothing was issued.',
    ],
    [
      'CA에 요청이 없습니다.',
      '요청 번호와 CA를 확인하십시오. 아무것도 발급되지 않았음을 확인한 후에만 다시 제출하십시오.',
    ],
    ['CA 上不存在此申请。', '请核对申请编号和 CA；确认没有签发任何证书后才能重新提交。'],
    ['CA 上不存在此要求。', '請核對要求編號和 CA；確認沒有簽發任何憑證後才能重新提交。'],
  ),
  CA_REQUEST_WRONG_STATE: e(
    [
      'The request is in a state that does not allow this operation.',
      'Look the request up on the CA console to see its state.',
    ],
    ['요청이 이 작업을 허용하지 않는 상태입니다.', 'CA 콘솔에서 요청을 찾아 상태를 확인하십시오.'],
    ['申请所处的状态不允许此操作。', '请在 CA 控制台中查找该申请，查看其状态。'],
    ['要求所處的狀態不允許此操作。', '請在 CA 主控台中尋找該要求，查看其狀態。'],
  ),
  CA_DENIED_BY_OFFICER: e(
    [
      'A certificate manager denied the pending request.',
      'Ask the certificate manager why; submit a new request if appropriate.',
    ],
    [
      '인증서 관리자가 보류 중인 요청을 거부했습니다.',
      '인증서 관리자에게 이유를 문의하고, 적절하면 새 요청을 제출하십시오.',
    ],
    ['证书管理员拒绝了挂起的申请。', '请向证书管理员询问原因；如有必要，提交新的申请。'],
    ['憑證管理員拒絕了擱置的要求。', '請向憑證管理員詢問原因；如有必要，提交新的要求。'],
  ),
  CA_ACCESS_DENIED: e(
    ['The CA denied access.', "Check the account's permissions on the CA and on the template."],
    ['CA가 액세스를 거부했습니다.', 'CA와 템플릿에 대한 계정의 권한을 확인하십시오.'],
    ['CA 拒绝访问。', '请检查该帐户在 CA 和模板上的权限。'],
    ['CA 拒絕存取。', '請檢查該帳戶在 CA 和範本上的權限。'],
  ),
  CA_INVALID_PARAMETER: e(
    [
      'The CA web pages refused a parameter (for example a CA renewal index the CA does not have).',
      "Re-read the CA's renewal count (certcarc.asp) and check the station's CA settings.",
    ],
    [
      'CA 웹 페이지가 매개 변수를 거부했습니다(예: CA에 없는 CA 갱신 번호).',
      'CA의 갱신 횟수(certcarc.asp)를 다시 읽고 스테이션의 CA 설정을 확인하십시오.',
    ],
    [
      'CA 网页拒绝了某个参数（例如 CA 没有的 CA 续订序号）。',
      '请重新读取 CA 的续订次数（certcarc.asp），并检查工作站的 CA 设置。',
    ],
    [
      'CA 網頁拒絕了某個參數（例如 CA 沒有的 CA 更新序號）。',
      '請重新讀取 CA 的更新次數（certcarc.asp），並檢查工作站的 CA 設定。',
    ],
  ),
  CA_REQUEST_MALFORMED: e(
    [
      'The CA could not decode the request.',
      'Report this to IT support as a station defect with the diagnostic details; do not retry the same request.',
    ],
    [
      'CA가 요청을 디코딩하지 못했습니다.',
      '진단 정보와 함께 스테이션 결함으로 IT 지원팀에 보고하십시오. 같은 요청을 다시 시도하지 마십시오.',
    ],
    ['CA 无法解析此申请。', '请附上诊断信息，作为工作站缺陷报告给 IT 支持人员；请勿重试同一申请。'],
    ['CA 無法解析此要求。', '請附上診斷資訊，作為工作站缺陷回報給 IT 支援人員；請勿重試同一要求。'],
  ),
  CA_SERVICE_UNREACHABLE: e(
    [
      'The web enrollment server cannot reach the certification authority service.',
      'Check that the CA service (certsvc) runs and that the web server can reach it; retry later.',
    ],
    [
      '웹 등록 서버가 인증 기관 서비스에 연결할 수 없습니다.',
      'CA 서비스(certsvc)가 실행 중이고 웹 서버에서 연결할 수 있는지 확인한 후 나중에 다시 시도하십시오.',
    ],
    [
      'Web 注册服务器无法连接证书颁发机构服务。',
      '请检查 CA 服务（certsvc）是否在运行，以及 Web 服务器能否连接到它；稍后重试。',
    ],
    [
      'Web 註冊伺服器無法連線至憑證授權單位服務。',
      '請檢查 CA 服務（certsvc）是否正在執行，以及 Web 伺服器能否連線至它；稍後重試。',
    ],
  ),
  CA_REQUESTER_NAME_REJECTED: e(
    [
      'The CA could not resolve the requester name; the domain.example\\user form is known to fail.',
      'Use NETBIOSDOMAIN\\sAMAccountName for the user enrolled on behalf of.',
    ],
    [
      'CA가 요청자 이름을 확인하지 못했습니다. domain.example\\user 형식은 실패하는 것으로 알려져 있습니다.',
      '대리 등록 대상 사용자에는 NETBIOSDOMAIN\\sAMAccountName 형식을 사용하십시오.',
    ],
    [
      'CA 无法解析申请者名称；已知 domain.example\\user 形式会失败。',
      '对于代表其注册的用户，请使用 NETBIOSDOMAIN\\sAMAccountName 形式。',
    ],
    [
      'CA 無法解析要求者名稱；已知 domain.example\\user 形式會失敗。',
      '對於代表其註冊的使用者，請使用 NETBIOSDOMAIN\\sAMAccountName 形式。',
    ],
  ),
  CA_TARGET_USER_UNKNOWN: e(
    [
      'The account named for enroll-on-behalf does not exist in the directory.',
      'Check the user name (NETBIOSDOMAIN\\sAMAccountName) and that the account exists.',
    ],
    [
      '대리 등록 대상으로 지정한 계정이 디렉터리에 없습니다.',
      '사용자 이름(NETBIOSDOMAIN\\sAMAccountName)이 올바른지, 해당 계정이 있는지 확인하십시오.',
    ],
    [
      '代表注册指定的帐户在目录中不存在。',
      '请检查用户名（NETBIOSDOMAIN\\sAMAccountName）以及该帐户是否存在。',
    ],
    [
      '代表註冊指定的帳戶在目錄中不存在。',
      '請檢查使用者名稱（NETBIOSDOMAIN\\sAMAccountName）以及該帳戶是否存在。',
    ],
  ),
  CA_TARGET_USER_DISABLED: e(
    [
      'The target account is disabled.',
      'Enable the account in Active Directory (or confirm it should not get a card).',
    ],
    [
      '대상 계정이 사용 중지되어 있습니다.',
      'Active Directory에서 계정을 사용하도록 설정하십시오(또는 카드를 받지 않아야 하는 계정인지 확인하십시오).',
    ],
    ['目标帐户已被禁用。', '请在 Active Directory 中启用该帐户（或确认该帐户不应获得卡片）。'],
    ['目標帳戶已停用。', '請在 Active Directory 中啟用該帳戶（或確認該帳戶不應取得卡片）。'],
  ),
  CA_REQUEST_BAD_SIGNATURE: e(
    [
      'A signature in the request does not verify (the card or agent key did not sign what was sent).',
      'Remove the card, insert it again and retry; if it persists, report a station defect to IT support with the diagnostic details.',
    ],
    [
      '요청의 서명을 검증할 수 없습니다(카드 또는 에이전트 키가 전송된 내용에 서명하지 않음).',
      '카드를 뺐다가 다시 넣은 후 다시 시도하십시오. 문제가 계속되면 진단 정보와 함께 스테이션 결함으로 IT 지원팀에 보고하십시오.',
    ],
    [
      '申请中的签名无法验证（卡片或代理密钥签署的不是所发送的内容）。',
      '请取出卡片后重新插入再试；如果问题仍然存在，请附上诊断信息，作为工作站缺陷报告给 IT 支持人员。',
    ],
    [
      '要求中的簽章無法驗證（卡片或代理程式金鑰簽署的不是所傳送的內容）。',
      '請取出卡片後重新插入再試；如果問題仍然存在，請附上診斷資訊，作為工作站缺陷回報給 IT 支援人員。',
    ],
  ),
  CA_HRESULT_UNKNOWN: e(
    [
      'The CA reported error {hresult}, which the station does not know.',
      'Look the code up in the CA event log and Microsoft documentation; keep the diagnostic page.',
    ],
    [
      'CA가 스테이션이 모르는 오류 {hresult}을(를) 보고했습니다.',
      'CA 이벤트 로그와 Microsoft 설명서에서 코드를 찾아보고 진단 페이지를 보관하십시오.',
    ],
    [
      'CA 报告了工作站不认识的错误 {hresult}。',
      '请在 CA 事件日志和 Microsoft 文档中查找此代码，并保留诊断页面。',
    ],
    [
      'CA 回報了工作站不認識的錯誤 {hresult}。',
      '請在 CA 事件記錄檔和 Microsoft 文件中查詢此代碼，並保留診斷頁面。',
    ],
  ),
} as const;
