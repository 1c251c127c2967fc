// The station's own files and locks (core/state): damaged, unwritable or held by another live
// process. STATE_UNSAFE (a link, another owner, open permissions) is in workflow.ts. Each says no
// card was touched: these are raised by the start-up check, before any PIN is asked.
import { e } from '../entry.ts';

export const STATE = {
  STATE_DAMAGED: e(
    [
      "The station's file {file} is damaged or missing: {problem}.",
      'No card was touched. Restore the file from the backup (or ask IT); do not delete it to make the error go away.',
    ],
    [
      '스테이션 파일 {file}이(가) 손상되었거나 없습니다: {problem}.',
      '카드는 건드리지 않았습니다. 백업에서 파일을 복원하거나 IT 부서에 문의하십시오. 오류를 없애려고 파일을 삭제하지 마십시오.',
    ],
    [
      '工作站文件 {file} 已损坏或缺失：{problem}。',
      '未动过任何卡片。请从备份恢复该文件（或联系 IT）；不要为了消除错误而删除它。',
    ],
    [
      '工作站檔案 {file} 已損毀或遺失：{problem}。',
      '未動過任何卡片。請從備份還原該檔案（或聯絡 IT）；不要為了消除錯誤而刪除它。',
    ],
  ),
  STATE_UNWRITABLE: e(
    [
      'The station cannot write {file}: {problem}.',
      'No card was touched. Make the data folder writable for the station (free disk space, remount it read-write), then start again.',
    ],
    [
      '스테이션이 {file}에 쓸 수 없습니다: {problem}.',
      '카드는 건드리지 않았습니다. 데이터 폴더를 스테이션이 쓸 수 있게 한 후(디스크 공간 확보, 읽기-쓰기로 다시 마운트) 다시 시작하십시오.',
    ],
    [
      '工作站无法写入 {file}：{problem}。',
      '未动过任何卡片。请让工作站可以写入数据文件夹（释放磁盘空间、以读写方式重新挂载）后再启动。',
    ],
    [
      '工作站無法寫入 {file}：{problem}。',
      '未動過任何卡片。請讓工作站可以寫入資料資料夾（釋放磁碟空間、以讀寫方式重新掛載）後再啟動。',
    ],
  ),
  STATE_LOCKED: e(
    [
      'Another station process is working with this card or these files: {problem}.',
      'Wait until that enrollment or recovery has finished, then try again; nothing was changed.',
    ],
    [
      '다른 스테이션 프로세스가 이 카드 또는 이 파일로 작업하고 있습니다: {problem}.',
      '해당 등록 또는 복구가 끝날 때까지 기다린 후 다시 시도하십시오. 아무것도 변경되지 않았습니다.',
    ],
    ['另一个工作站进程正在使用此卡或这些文件：{problem}。', '请等待该注册或恢复完成后再试；未作任何更改。'],
    ['另一個工作站程序正在使用此卡或這些檔案：{problem}。', '請等待該註冊或復原完成後再試；未作任何變更。'],
  ),
} as const;
