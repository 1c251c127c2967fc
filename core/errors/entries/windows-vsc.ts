// Windows TPM virtual smart cards (core/platform, native/windows; docs/windows-vsc.md): the
// Windows version, each TPM state that keeps a virtual card from being made, and what tpmvscmgr or
// the elevated helper can answer. Each resolution says what the person at the computer can do.
import { e } from '../entry.ts';

export const WINDOWS_VSC = {
  WINDOWS_TOO_OLD: e(
    [
      'TPM virtual smart cards need Windows 8 or Windows Server 2012 or later.',
      'Use a computer with Windows 8.1, 10 or 11 (or Server 2012 or later), or enroll a physical card at the station.',
    ],
    [
      'TPM 가상 스마트 카드는 Windows 8 또는 Windows Server 2012 이상이 필요합니다.',
      'Windows 8.1, 10 또는 11(또는 Server 2012 이상)이 설치된 컴퓨터를 사용하거나 스테이션에서 실물 카드를 등록하십시오.',
    ],
    [
      'TPM 虚拟智能卡需要 Windows 8 或 Windows Server 2012 及以上版本。',
      '请使用装有 Windows 8.1、10 或 11（或 Server 2012 及以上）的电脑，或在工作站注册实体卡。',
    ],
    [
      'TPM 虛擬智慧卡需要 Windows 8 或 Windows Server 2012 以上版本。',
      '請使用安裝 Windows 8.1、10 或 11（或 Server 2012 以上）的電腦，或在工作站註冊實體卡。',
    ],
  ),
  TPM_NOT_PRESENT: e(
    [
      'This computer has no TPM that Windows can use.',
      'Turn the TPM (often "PTT" or "fTPM") on in the firmware settings, or use a computer with a TPM 1.2 or 2.0.',
    ],
    [
      '이 컴퓨터에는 Windows가 사용할 수 있는 TPM이 없습니다.',
      '펌웨어 설정에서 TPM("PTT" 또는 "fTPM")을 켜거나 TPM 1.2 또는 2.0이 있는 컴퓨터를 사용하십시오.',
    ],
    [
      '此电脑没有 Windows 可用的 TPM。',
      '在固件设置中开启 TPM（常称“PTT”或“fTPM”），或使用带 TPM 1.2 或 2.0 的电脑。',
    ],
    [
      '此電腦沒有 Windows 可用的 TPM。',
      '在韌體設定中開啟 TPM（常稱「PTT」或「fTPM」），或使用具備 TPM 1.2 或 2.0 的電腦。',
    ],
  ),
  TPM_DISABLED: e(
    [
      'The TPM is turned off.',
      'Enable the TPM in the firmware (BIOS/UEFI) settings, restart, and try again.',
    ],
    ['TPM이 꺼져 있습니다.', '펌웨어(BIOS/UEFI) 설정에서 TPM을 활성화하고 다시 시작한 후 다시 시도하십시오.'],
    ['TPM 已关闭。', '在固件（BIOS/UEFI）设置中启用 TPM，重新启动后重试。'],
    ['TPM 已關閉。', '在韌體（BIOS/UEFI）設定中啟用 TPM，重新開機後重試。'],
  ),
  TPM_NOT_ACTIVATED: e(
    [
      'The TPM is enabled but not activated.',
      'Activate the TPM in the firmware settings (TPM 1.2) or run tpm.msc as an administrator, then restart.',
    ],
    [
      'TPM이 활성화되었지만 작동 상태가 아닙니다.',
      '펌웨어 설정(TPM 1.2)에서 TPM을 작동시키거나 관리자 권한으로 tpm.msc를 실행한 후 다시 시작하십시오.',
    ],
    ['TPM 已启用但未激活。', '在固件设置中激活 TPM（TPM 1.2），或以管理员身份运行 tpm.msc，然后重新启动。'],
    [
      'TPM 已啟用但未啟動。',
      '在韌體設定中啟動 TPM（TPM 1.2），或以系統管理員身分執行 tpm.msc，然後重新開機。',
    ],
  ),
  TPM_NOT_OWNED: e(
    [
      'The TPM has not been prepared (no owner) for use by Windows.',
      'Open tpm.msc as an administrator and choose "Prepare the TPM", or ask IT; do not clear a TPM that holds other keys.',
    ],
    [
      'TPM이 Windows에서 사용하도록 준비(소유권 설정)되지 않았습니다.',
      '관리자 권한으로 tpm.msc를 열고 "TPM 준비"를 선택하거나 IT에 문의하십시오. 다른 키가 있는 TPM은 지우지 마십시오.',
    ],
    [
      'TPM 尚未为 Windows 准备好（没有所有者）。',
      '以管理员身份打开 tpm.msc 并选择“准备 TPM”，或联系 IT；不要清除存有其他密钥的 TPM。',
    ],
    [
      'TPM 尚未為 Windows 準備好（沒有擁有者）。',
      '以系統管理員身分開啟 tpm.msc 並選擇「準備 TPM」，或聯絡 IT；不要清除存有其他金鑰的 TPM。',
    ],
  ),
  TPM_NOT_READY: e(
    [
      'The TPM is present but not ready for virtual smart cards.',
      'Open tpm.msc as an administrator and follow what it says is missing, or ask IT.',
    ],
    [
      'TPM이 있지만 가상 스마트 카드에 사용할 준비가 되지 않았습니다.',
      '관리자 권한으로 tpm.msc를 열어 누락된 항목을 따르거나 IT에 문의하십시오.',
    ],
    ['TPM 存在但尚不能用于虚拟智能卡。', '以管理员身份打开 tpm.msc，按其提示补齐缺少的步骤，或联系 IT。'],
    ['TPM 存在但尚不能用於虛擬智慧卡。', '以系統管理員身分開啟 tpm.msc，依提示補齊缺少的步驟，或聯絡 IT。'],
  ),
  TPM_RESTART_PENDING: e(
    ['A TPM change waits for a restart.', 'Restart the computer, then start again.'],
    ['TPM 변경 사항이 다시 시작을 기다리고 있습니다.', '컴퓨터를 다시 시작한 후 다시 시작하십시오.'],
    ['TPM 的变更正在等待重新启动。', '重新启动电脑后重新开始。'],
    ['TPM 的變更正在等待重新開機。', '重新開機後重新開始。'],
  ),
  TPM_LOCKED_OUT: e(
    [
      'The TPM is locked after too many wrong PINs.',
      'Wait for the lockout to end (the time is shown) or ask IT to reset the TPM lockout; do not keep trying.',
    ],
    [
      '잘못된 PIN을 너무 많이 입력하여 TPM이 잠겼습니다.',
      '잠금이 끝날 때까지(표시된 시간) 기다리거나 IT에 TPM 잠금 해제를 요청하십시오. 계속 시도하지 마십시오.',
    ],
    ['错误 PIN 次数过多，TPM 已锁定。', '等待锁定结束（显示的时间），或请 IT 重置 TPM 锁定；不要继续尝试。'],
    ['錯誤 PIN 次數過多，TPM 已鎖定。', '等待鎖定結束（顯示的時間），或請 IT 重設 TPM 鎖定；不要繼續嘗試。'],
  ),
  VSC_ADMIN_REQUIRED: e(
    [
      'Creating a virtual smart card needs administrator rights on this computer.',
      'Confirm the Windows administrator prompt, or ask IT to create the virtual card for you.',
    ],
    [
      '가상 스마트 카드를 만들려면 이 컴퓨터의 관리자 권한이 필요합니다.',
      'Windows 관리자 확인 창에서 승인하거나 IT에 가상 카드 생성을 요청하십시오.',
    ],
    ['创建虚拟智能卡需要此电脑的管理员权限。', '在 Windows 管理员提示中确认，或请 IT 为您创建虚拟卡。'],
    [
      '建立虛擬智慧卡需要此電腦的系統管理員權限。',
      '在 Windows 系統管理員提示中確認，或請 IT 為您建立虛擬卡。',
    ],
  ),
  VSC_ELEVATION_REFUSED: e(
    [
      'The administrator prompt was declined, so no virtual smart card was created.',
      'Start again and choose "Yes" at the prompt, or ask IT; nothing was changed on this computer.',
    ],
    [
      '관리자 확인을 거부하여 가상 스마트 카드가 만들어지지 않았습니다.',
      '다시 시작하여 확인 창에서 "예"를 선택하거나 IT에 문의하십시오. 이 컴퓨터에서 변경된 것은 없습니다.',
    ],
    ['管理员提示被拒绝，未创建虚拟智能卡。', '重新开始并在提示中选择“是”，或联系 IT；此电脑未作任何更改。'],
    [
      '系統管理員提示被拒絕，未建立虛擬智慧卡。',
      '重新開始並在提示中選擇「是」，或聯絡 IT；此電腦未做任何變更。',
    ],
  ),
  VSC_REMOTE_SESSION: e(
    [
      'Virtual smart cards cannot be created over Remote Desktop.',
      'Sign in at the computer itself (the console), then start again.',
    ],
    [
      '원격 데스크톱으로는 가상 스마트 카드를 만들 수 없습니다.',
      '컴퓨터 앞(콘솔)에서 로그인한 후 다시 시작하십시오.',
    ],
    ['无法通过远程桌面创建虚拟智能卡。', '在电脑本机（控制台）登录后重新开始。'],
    ['無法透過遠端桌面建立虛擬智慧卡。', '在電腦本機（主控台）登入後重新開始。'],
  ),
  VSC_READER_LIMIT: e(
    [
      'This computer already has the most smart cards Windows allows at once.',
      'Remove a smart card you do not use, or delete an old virtual card (ask IT), then try again.',
    ],
    [
      '이 컴퓨터에는 Windows가 동시에 허용하는 최대 수의 스마트 카드가 이미 있습니다.',
      '사용하지 않는 스마트 카드를 빼거나 오래된 가상 카드를 삭제(IT에 문의)한 후 다시 시도하십시오.',
    ],
    [
      '此电脑的智能卡数量已达 Windows 同时允许的上限。',
      '移除不用的智能卡，或删除旧的虚拟卡（联系 IT）后重试。',
    ],
    [
      '此電腦的智慧卡數量已達 Windows 同時允許的上限。',
      '移除不用的智慧卡，或刪除舊的虛擬卡（聯絡 IT）後重試。',
    ],
  ),
  VSC_PIN_POLICY: e(
    [
      'The PIN does not meet the virtual smart card PIN rules.',
      'Choose a PIN of at least 8 characters that follows the rules shown.',
    ],
    ['PIN이 가상 스마트 카드 PIN 규칙에 맞지 않습니다.', '표시된 규칙에 맞는 8자 이상의 PIN을 선택하십시오.'],
    ['PIN 不符合虚拟智能卡的 PIN 规则。', '请选择至少 8 个字符且符合所示规则的 PIN。'],
    ['PIN 不符合虛擬智慧卡的 PIN 規則。', '請選擇至少 8 個字元且符合所示規則的 PIN。'],
  ),
  VSC_CREATE_FAILED: e(
    [
      'Windows could not create the virtual smart card.',
      'Restart the computer and try again; if it fails again, give IT the code and details shown.',
    ],
    [
      'Windows에서 가상 스마트 카드를 만들 수 없습니다.',
      '컴퓨터를 다시 시작한 후 다시 시도하십시오. 다시 실패하면 표시된 코드와 세부 정보를 IT에 전달하십시오.',
    ],
    ['Windows 无法创建虚拟智能卡。', '重新启动电脑后重试；如果再次失败，请将显示的代码和详细信息告知 IT。'],
    ['Windows 無法建立虛擬智慧卡。', '重新開機後重試；如果再次失敗，請將顯示的代碼和詳細資訊告知 IT。'],
  ),
  VSC_DESTROY_FAILED: e(
    [
      'Windows could not delete the virtual smart card.',
      'Restart the computer and try again; if it stays, give IT the instance id shown.',
    ],
    [
      'Windows에서 가상 스마트 카드를 삭제할 수 없습니다.',
      '컴퓨터를 다시 시작한 후 다시 시도하십시오. 그래도 남아 있으면 표시된 인스턴스 ID를 IT에 전달하십시오.',
    ],
    ['Windows 无法删除虚拟智能卡。', '重新启动电脑后重试；如果仍然存在，请将显示的实例 ID 告知 IT。'],
    ['Windows 無法刪除虛擬智慧卡。', '重新開機後重試；如果仍然存在，請將顯示的執行個體 ID 告知 IT。'],
  ),
  VSC_NOT_FOUND: e(
    [
      'No virtual smart card with that instance id exists on this computer.',
      'Nothing needs deleting; check the list of virtual cards if one should be there.',
    ],
    [
      '이 컴퓨터에 해당 인스턴스 ID의 가상 스마트 카드가 없습니다.',
      '삭제할 것이 없습니다. 있어야 할 카드라면 가상 카드 목록을 확인하십시오.',
    ],
    ['此电脑上没有该实例 ID 的虚拟智能卡。', '无需删除；如应存在，请检查虚拟卡列表。'],
    ['此電腦上沒有該執行個體 ID 的虛擬智慧卡。', '無需刪除；如應存在，請檢查虛擬卡清單。'],
  ),
  VSC_REQUEST_INVALID: e(
    [
      'The virtual smart card helper refused a request it does not accept.',
      'Nothing was changed. Start again from the station; if it repeats, give IT the details shown.',
    ],
    [
      '가상 스마트 카드 도우미가 허용하지 않는 요청을 거부했습니다.',
      '변경된 것은 없습니다. 스테이션에서 다시 시작하고, 반복되면 표시된 세부 정보를 IT에 전달하십시오.',
    ],
    [
      '虚拟智能卡助手拒绝了不被接受的请求。',
      '未作任何更改。请从工作站重新开始；如果重复出现，请将显示的详细信息告知 IT。',
    ],
    [
      '虛擬智慧卡協助程式拒絕了不被接受的要求。',
      '未做任何變更。請從工作站重新開始；如果重複出現，請將顯示的詳細資訊告知 IT。',
    ],
  ),
  GIDS_PIN_FORMAT: e(
    [
      'The {secret} has a length a GIDS card cannot take (1 to 127 characters).',
      'Enter a {secret} of 1 to 127 characters; a new PIN must also follow the PIN rules (at least 8 on a virtual smart card).',
    ],
    [
      '{secret}의 길이가 GIDS 카드가 받을 수 없는 길이입니다(1~127자).',
      '1~127자의 {secret}을(를) 입력하십시오. 새 PIN은 PIN 규칙도 따라야 합니다(가상 스마트 카드는 8자 이상).',
    ],
    [
      '{secret} 的长度 GIDS 卡无法接受（1 到 127 个字符）。',
      '请输入 1 到 127 个字符的 {secret}；新 PIN 还须符合 PIN 规则（虚拟智能卡至少 8 个字符）。',
    ],
    [
      '{secret} 的長度 GIDS 卡無法接受（1 到 127 個字元）。',
      '請輸入 1 到 127 個字元的 {secret}；新 PIN 還須符合 PIN 規則（虛擬智慧卡至少 8 個字元）。',
    ],
  ),
  GIDS_LAYOUT: e(
    [
      'The card has no usable smart-card file system (containers, certificates).',
      'A virtual smart card must be created with tpmvscmgr /generate; recreate it, or have IT initialise the GIDS card, then start again.',
    ],
    [
      '카드에 사용할 수 있는 스마트 카드 파일 시스템(컨테이너, 인증서)이 없습니다.',
      '가상 스마트 카드는 tpmvscmgr /generate로 만들어야 합니다. 다시 만들거나 IT에 GIDS 카드 초기화를 요청한 후 다시 시작하십시오.',
    ],
    [
      '卡片没有可用的智能卡文件系统（容器、证书）。',
      '虚拟智能卡必须用 tpmvscmgr /generate 创建；请重新创建，或请 IT 初始化 GIDS 卡后重新开始。',
    ],
    [
      '卡片沒有可用的智慧卡檔案系統（容器、憑證）。',
      '虛擬智慧卡必須用 tpmvscmgr /generate 建立；請重新建立，或請 IT 初始化 GIDS 卡後重新開始。',
    ],
  ),
  VSC_READER_NOT_TPM: e(
    [
      'The card in "{reader}" is not a TPM virtual smart card ({reason}).',
      'Choose the "Microsoft Virtual Smart Card" reader, or create a virtual card with station self-enroll --create.',
    ],
    [
      '"{reader}"의 카드는 TPM 가상 스마트 카드가 아닙니다({reason}).',
      '"Microsoft Virtual Smart Card" 리더를 선택하거나 station self-enroll --create로 가상 카드를 만드십시오.',
    ],
    [
      '“{reader}”中的卡不是 TPM 虚拟智能卡（{reason}）。',
      '请选择“Microsoft Virtual Smart Card”读卡器，或用 station self-enroll --create 创建虚拟卡。',
    ],
    [
      '「{reader}」中的卡不是 TPM 虛擬智慧卡（{reason}）。',
      '請選擇「Microsoft Virtual Smart Card」讀卡機，或用 station self-enroll --create 建立虛擬卡。',
    ],
  ),
  VSC_READER_WINDOWS_HELLO: e(
    [
      '"{reader}" is the Windows Hello for Business virtual reader, not a TPM virtual smart card.',
      'Windows Hello for Business keys are managed by Windows; verify the "Microsoft Virtual Smart Card" reader instead.',
    ],
    [
      '"{reader}"은(는) TPM 가상 스마트 카드가 아니라 Windows Hello for Business 가상 리더입니다.',
      'Windows Hello for Business 키는 Windows가 관리합니다. 대신 "Microsoft Virtual Smart Card" 리더를 확인하십시오.',
    ],
    [
      '“{reader}”是 Windows Hello 企业版虚拟读卡器，不是 TPM 虚拟智能卡。',
      'Windows Hello 企业版的密钥由 Windows 管理；请改为验证“Microsoft Virtual Smart Card”读卡器。',
    ],
    [
      '「{reader}」是 Windows Hello 企業版虛擬讀卡機，不是 TPM 虛擬智慧卡。',
      'Windows Hello 企業版的金鑰由 Windows 管理；請改為驗證「Microsoft Virtual Smart Card」讀卡機。',
    ],
  ),
  VSC_NOT_GIDS: e(
    [
      'The card in "{reader}" does not answer the GIDS application selection.',
      'The virtual card is damaged or not a virtual smart card: destroy it and create a new one (station self-enroll --create).',
    ],
    [
      '"{reader}"의 카드가 GIDS 애플리케이션 선택에 응답하지 않습니다.',
      '가상 카드가 손상되었거나 가상 스마트 카드가 아닙니다. 삭제하고 새로 만드십시오(station self-enroll --create).',
    ],
    [
      '“{reader}”中的卡不响应 GIDS 应用选择。',
      '虚拟卡已损坏或不是虚拟智能卡：请删除后重新创建（station self-enroll --create）。',
    ],
    [
      '「{reader}」中的卡不回應 GIDS 應用程式選擇。',
      '虛擬卡已損壞或不是虛擬智慧卡：請刪除後重新建立（station self-enroll --create）。',
    ],
  ),
  VSC_NO_KEY: e(
    [
      'The virtual card in "{reader}" has no key in its default container.',
      'The card was never enrolled: run station self-enroll --reader "{reader}".',
    ],
    [
      '"{reader}"의 가상 카드 기본 컨테이너에 키가 없습니다.',
      '카드가 등록된 적이 없습니다. station self-enroll --reader "{reader}"를 실행하십시오.',
    ],
    [
      '“{reader}”中的虚拟卡默认容器里没有密钥。',
      '此卡从未注册：请运行 station self-enroll --reader "{reader}"。',
    ],
    [
      '「{reader}」中的虛擬卡預設容器裡沒有金鑰。',
      '此卡從未註冊：請執行 station self-enroll --reader "{reader}"。',
    ],
  ),
  VSC_NO_CERTIFICATE: e(
    [
      'The virtual card in "{reader}" holds a key but no certificate.',
      'The enrollment did not finish: run station recover, or enroll the card again with station self-enroll.',
    ],
    [
      '"{reader}"의 가상 카드에 키는 있지만 인증서가 없습니다.',
      '등록이 완료되지 않았습니다. station recover를 실행하거나 station self-enroll로 다시 등록하십시오.',
    ],
    [
      '“{reader}”中的虚拟卡有密钥但没有证书。',
      '注册未完成：请运行 station recover，或用 station self-enroll 重新注册此卡。',
    ],
    [
      '「{reader}」中的虛擬卡有金鑰但沒有憑證。',
      '註冊未完成：請執行 station recover，或用 station self-enroll 重新註冊此卡。',
    ],
  ),
  VSC_CERT_OTHER_KEY: e(
    [
      'The certificate on the virtual card in "{reader}" is for another key than the one on the card.',
      'The card cannot sign in with it: have IT revoke that certificate, then destroy the virtual card and self-enroll a new one.',
    ],
    [
      '"{reader}" 가상 카드의 인증서가 카드에 있는 키가 아닌 다른 키에 대한 것입니다.',
      '이 인증서로는 로그인할 수 없습니다. IT에 인증서 해지를 요청한 후 가상 카드를 삭제하고 새로 자체 등록하십시오.',
    ],
    [
      '“{reader}”中虚拟卡上的证书对应的不是卡上的密钥。',
      '此卡无法用它登录：请 IT 吊销该证书，然后删除虚拟卡并重新自助注册。',
    ],
    [
      '「{reader}」中虛擬卡上的憑證對應的不是卡上的金鑰。',
      '此卡無法用它登入：請 IT 撤銷該憑證，然後刪除虛擬卡並重新自助註冊。',
    ],
  ),
  VSC_CERT_REJECTED: e(
    [
      'The certificate on the virtual card is not fit for smart-card logon ({reasons}).',
      'Check that it chains to the configured CA, has the Smart Card Logon EKU and your UPN; if not, enroll the card again.',
    ],
    [
      '가상 카드의 인증서가 스마트 카드 로그온에 적합하지 않습니다({reasons}).',
      '구성된 CA로 체인이 이어지는지, 스마트 카드 로그온 EKU와 사용자 UPN이 있는지 확인하고, 아니면 카드를 다시 등록하십시오.',
    ],
    [
      '虚拟卡上的证书不适用于智能卡登录（{reasons}）。',
      '请检查它是否链接到配置的 CA、是否含智能卡登录 EKU 和您的 UPN；否则请重新注册此卡。',
    ],
    [
      '虛擬卡上的憑證不適用於智慧卡登入（{reasons}）。',
      '請檢查它是否鏈結到設定的 CA、是否含智慧卡登入 EKU 和您的 UPN；否則請重新註冊此卡。',
    ],
  ),
  VSC_DEFAULT_PIN: e(
    [
      'The station has no record that the PIN of the virtual card in "{reader}" left the default 12345678.',
      'Change the PIN now with station change-pin --reader "{reader}" (at least 8 characters).',
    ],
    [
      '"{reader}" 가상 카드의 PIN이 기본값 12345678에서 변경되었다는 스테이션 기록이 없습니다.',
      '지금 station change-pin --reader "{reader}"로 PIN을 변경하십시오(8자 이상).',
    ],
    [
      '工作站没有“{reader}”中虚拟卡的 PIN 已离开默认值 12345678 的记录。',
      '请立即用 station change-pin --reader "{reader}" 更改 PIN（至少 8 个字符）。',
    ],
    [
      '工作站沒有「{reader}」中虛擬卡的 PIN 已離開預設值 12345678 的記錄。',
      '請立即用 station change-pin --reader "{reader}" 變更 PIN（至少 8 個字元）。',
    ],
  ),
};
