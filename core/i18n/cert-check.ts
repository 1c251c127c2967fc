// Why an issued certificate was refused before it reached the card (core/pki/check.ts), by
// problem code; the values are the reason's facts (what was found, what was expected).
import { m } from './message.ts';

export const CERT_CHECK = {
  'certcheck.UNPARSABLE': m(
    'what the CA returned is not a certificate',
    'CA가 반환한 것이 인증서가 아닙니다',
    'CA 返回的内容不是证书',
    'CA 傳回的內容不是憑證',
  ),
  'certcheck.CHAIN_UNTRUSTED': m(
    'the certificate does not chain to a CA in the configured bundle',
    '인증서가 설정된 번들의 CA로 연결되지 않습니다',
    '证书无法链接到配置的证书包中的 CA',
    '憑證無法鏈結至設定的憑證套件中的 CA',
  ),
  'certcheck.NOT_YET_VALID': m(
    'valid only from {from}',
    '{from}부터 유효',
    '自 {from} 起才有效',
    '自 {from} 起才有效',
  ),
  'certcheck.EXPIRED': m('expired {until}', '{until}에 만료됨', '已于 {until} 过期', '已於 {until} 過期'),
  'certcheck.EKU_MISSING': m(
    'the extended key usage lacks {missing}',
    '확장 키 사용에 {missing}이(가) 없습니다',
    '增强型密钥用法缺少 {missing}',
    '增強金鑰使用方法缺少 {missing}',
  ),
  'certcheck.UPN_MISSING': m(
    'the subject alternative name has no UPN',
    '주체 대체 이름에 UPN이 없습니다',
    '使用者可选名称中没有 UPN',
    '主體別名中沒有 UPN',
  ),
  'certcheck.UPN_MISMATCH': m(
    'the UPN is {found}, expected {expected}',
    'UPN이 {found}입니다. 예상 값: {expected}',
    'UPN 为 {found}，应为 {expected}',
    'UPN 為 {found}，應為 {expected}',
  ),
  'certcheck.EMAIL_MISSING': m(
    'the subject alternative name has no e-mail address',
    '주체 대체 이름에 전자 메일 주소가 없습니다',
    '使用者可选名称中没有电子邮件地址',
    '主體別名中沒有電子郵件地址',
  ),
  'certcheck.EMAIL_MISMATCH': m(
    'the e-mail address is {found}, expected {expected}',
    '전자 메일 주소가 {found}입니다. 예상 값: {expected}',
    '电子邮件地址为 {found}，应为 {expected}',
    '電子郵件地址為 {found}，應為 {expected}',
  ),
  'certcheck.SID_EXTENSION_MISSING': m(
    'no SID extension (1.3.6.1.4.1.311.25.2): domain controllers with strong mapping will refuse the logon',
    'SID 확장(1.3.6.1.4.1.311.25.2)이 없습니다. 강력한 매핑을 사용하는 도메인 컨트롤러가 로그온을 거부합니다',
    '没有 SID 扩展（1.3.6.1.4.1.311.25.2）：启用强映射的域控制器将拒绝登录',
    '沒有 SID 延伸（1.3.6.1.4.1.311.25.2）：啟用強式對應的網域控制站將拒絕登入',
  ),
  'certcheck.SID_MISMATCH': m(
    'the SID extension names {found}, expected {expected}',
    'SID 확장의 값이 {found}입니다. 예상 값: {expected}',
    'SID 扩展为 {found}，应为 {expected}',
    'SID 延伸為 {found}，應為 {expected}',
  ),
  'certcheck.TEMPLATE_MISSING': m(
    'no certificate template extension',
    '인증서 템플릿 확장이 없습니다',
    '没有证书模板扩展',
    '沒有憑證範本延伸',
  ),
  'certcheck.TEMPLATE_MISMATCH': m(
    'issued from template {found}, expected {expected}{oidOnly, select, true { (a version 2 or later template carries only its OID: configure the template OID)} other {}}',
    '{found} 템플릿으로 발급됨. 예상 값: {expected}{oidOnly, select, true { (버전 2 이상의 템플릿에는 OID만 있으므로 템플릿 OID를 설정하십시오)} other {}}',
    '由模板 {found} 签发，应为 {expected}{oidOnly, select, true {（版本 2 及以上的模板只带有 OID：请配置模板 OID）} other {}}',
    '由範本 {found} 簽發，應為 {expected}{oidOnly, select, true {（版本 2 以上的範本只帶有 OID：請設定範本 OID）} other {}}',
  ),
  'certcheck.KEY_MISMATCH': m(
    "the certificate's public key is not the card's key",
    '인증서의 공개 키가 카드의 키가 아닙니다',
    '证书的公钥不是卡片的密钥',
    '憑證的公開金鑰不是卡片的金鑰',
  ),
} as const;
