// The auditor role at the kiosk: signing in with an auditor card, the screens only an auditor
// opens, and the auditor's removable medium (pinned keys in, exports out).
import { e } from '../entry.ts';

export const AUDITOR = {
  AUDIT_REPORT_FONT_MISSING: e(
    [
      'The PDF report cannot be written: no font on this station has the Korean or Chinese characters it contains ({script}).',
      'Install a CJK font (Debian: the fonts-noto-cjk package; Windows: Malgun Gothic, Microsoft YaHei or Microsoft JhengHei), or export the log as CSV or JSON.',
    ],
    [
      'PDF 보고서를 만들 수 없습니다. 이 스테이션에는 보고서에 포함된 한국어 또는 중국어 문자({script})를 표시할 글꼴이 없습니다.',
      'CJK 글꼴(Debian: fonts-noto-cjk 패키지, Windows: 맑은 고딕, Microsoft YaHei 또는 Microsoft JhengHei)을 설치하거나 기록을 CSV 또는 JSON으로 내보내십시오.',
    ],
    [
      '无法生成 PDF 报告：此工作站没有任何字体包含报告中的韩文或中文字符（{script}）。',
      '请安装 CJK 字体（Debian：fonts-noto-cjk 软件包；Windows：Malgun Gothic、微软雅黑或微软正黑体），或将日志导出为 CSV 或 JSON。',
    ],
    [
      '無法產生 PDF 報告：此工作站沒有任何字型包含報告中的韓文或中文字元（{script}）。',
      '請安裝 CJK 字型（Debian：fonts-noto-cjk 套件；Windows：Malgun Gothic、微軟雅黑體或微軟正黑體），或將日誌匯出為 CSV 或 JSON。',
    ],
  ),
  AUDITOR_NOT_CONFIGURED: e(
    [
      'This station has no auditors configured.',
      "Ask the station's administrator to list the auditors' card certificates (auditor.certificateThumbprints) and the auditor's media folder in the station configuration.",
    ],
    [
      '이 스테이션에는 감사자가 설정되어 있지 않습니다.',
      '스테이션 관리자에게 스테이션 구성에 감사자 카드 인증서(auditor.certificateThumbprints)와 감사자 미디어 폴더를 지정해 달라고 요청하십시오.',
    ],
    [
      '此工作站未配置审计人员。',
      '请工作站管理员在工作站配置中列出审计人员卡的证书（auditor.certificateThumbprints）和审计人员的介质文件夹。',
    ],
    [
      '此工作站未設定稽核人員。',
      '請工作站管理員在工作站設定中列出稽核人員卡的憑證（auditor.certificateThumbprints）和稽核人員的媒體資料夾。',
    ],
  ),
  AUDITOR_CARD_MISSING: e(
    [
      'No auditor card was found in the readers.',
      'Insert your auditor card (the card whose certificate the station configuration lists) and enter its PIN.',
    ],
    [
      '판독기에서 감사자 카드를 찾을 수 없습니다.',
      '감사자 카드(스테이션 구성에 인증서가 등록된 카드)를 넣고 PIN을 입력하십시오.',
    ],
    ['读卡器中未找到审计员卡。', '请插入您的审计员卡（其证书列在工作站配置中的卡）并输入其 PIN。'],
    ['讀卡機中找不到稽核人員卡。', '請插入您的稽核人員卡（其憑證列在工作站設定中的卡）並輸入其 PIN。'],
  ),
  AUDITOR_CARD_REFUSED: e(
    [
      'The auditor card could not prove that it holds the key of its certificate ({problem}).',
      'Use your own auditor card. If it is yours, ask the PKI team to renew its certificate and the station administrator to list the new one.',
    ],
    [
      '감사자 카드가 인증서의 키를 보유하고 있음을 증명하지 못했습니다({problem}).',
      '본인의 감사자 카드를 사용하십시오. 본인 카드라면 PKI 팀에 인증서 갱신을, 스테이션 관리자에게 새 인증서 등록을 요청하십시오.',
    ],
    [
      '审计员卡未能证明其持有证书的密钥（{problem}）。',
      '请使用您本人的审计员卡。如果是您的卡，请联系 PKI 团队续订其证书，并请工作站管理员列入新证书。',
    ],
    [
      '稽核人員卡未能證明其持有憑證的金鑰（{problem}）。',
      '請使用您本人的稽核人員卡。如果是您的卡，請聯絡 PKI 團隊更新其憑證，並請工作站管理員列入新憑證。',
    ],
  ),
  AUDITOR_REQUIRED: e(
    [
      'Only a signed-in auditor can open the enrollment log screens.',
      'Sign out, then sign in with your auditor card on the start screen.',
    ],
    [
      '로그인한 감사자만 등록 기록 화면을 열 수 있습니다.',
      '로그아웃한 다음 시작 화면에서 감사자 카드로 로그인하십시오.',
    ],
    ['只有已登录的审计人员才能打开注册日志界面。', '请注销，然后在开始界面用审计员卡登录。'],
    ['只有已登入的稽核人員才能開啟註冊日誌畫面。', '請登出，然後在開始畫面用稽核人員卡登入。'],
  ),
  AUDIT_MEDIA_UNAVAILABLE: e(
    [
      "The auditor's medium is not available at {folder}.",
      'Insert your removable medium (it is mounted at that folder), or ask the station administrator which folder auditor.mediaFolder names.',
    ],
    [
      '감사자 미디어를 {folder}에서 사용할 수 없습니다.',
      '이동식 미디어를 넣거나(해당 폴더에 연결됨) 스테이션 관리자에게 auditor.mediaFolder가 가리키는 폴더를 문의하십시오.',
    ],
    [
      '在 {folder} 无法使用审计人员的介质。',
      '请插入您的可移动介质（挂载在该文件夹），或向工作站管理员询问 auditor.mediaFolder 指定的文件夹。',
    ],
    [
      '在 {folder} 無法使用稽核人員的媒體。',
      '請插入您的卸除式媒體（掛載在該資料夾），或向工作站管理員詢問 auditor.mediaFolder 指定的資料夾。',
    ],
  ),
} as const;
