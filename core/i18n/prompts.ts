// What the station asks a person. PINs are asked for by name, never echoed.
import { m } from './message.ts';

export const PROMPTS = {
  'prompt.operatorPin': m('Operator card PIN', '운영자 카드 PIN', '操作员卡 PIN', '操作員卡 PIN'),
  'prompt.newPin': m("Cardholder's new PIN", '카드 소지자의 새 PIN', '持卡人的新 PIN', '持卡人的新 PIN'),
  'prompt.newPinAgain': m(
    "Cardholder's new PIN again",
    '카드 소지자의 새 PIN 다시 입력',
    '再次输入持卡人的新 PIN',
    '再次輸入持卡人的新 PIN',
  ),
  'prompt.currentPin': m('Current PIN', '현재 PIN', '当前 PIN', '目前 PIN'),
  'prompt.pinRules': m(
    'The new PIN: {minLength} to {maxLength} digits, not the transport PIN, not one digit repeated, not a run like 123456, not a repeated pattern like 121212.',
    '새 PIN: {minLength}~{maxLength}자리 숫자. 초기 PIN, 같은 숫자의 반복, 123456 같은 연속 숫자, 121212 같은 반복 패턴은 사용할 수 없습니다.',
    '新 PIN：{minLength} 到 {maxLength} 位数字，不能是初始 PIN、同一数字重复、123456 这样的连续数字或 121212 这样的重复模式。',
    '新 PIN：{minLength} 到 {maxLength} 位數字，不能是初始 PIN、同一數字重複、123456 這樣的連續數字或 121212 這樣的重複模式。',
  ),
  'prompt.handOver': m(
    'Hand the station to the cardholder to choose a PIN.',
    '카드 소지자가 PIN을 선택할 수 있도록 스테이션을 넘겨 주십시오.',
    '请将工作站交给持卡人选择 PIN。',
    '請將工作站交給持卡人選擇 PIN。',
  ),
  'prompt.confirmPlan': m(
    'Carry out this plan for enrollment {id}? [y/N]',
    '등록 {id}에 대해 이 계획을 실행하시겠습니까? [y/N]',
    '要对注册 {id} 执行此计划吗？[y/N]',
    '要對註冊 {id} 執行此計畫嗎？[y/N]',
  ),
  // self-enrollment and verify-vsc (the employee at their own computer)
  'prompt.domainPassword': m(
    'Your domain password',
    '도메인 계정 암호',
    '您的域账户密码',
    '您的網域帳戶密碼',
  ),
  'prompt.holderPin': m('PIN of the card', '카드 PIN', '卡片 PIN', '卡片 PIN'),
  'prompt.cancelled': m('cancelled', '취소됨', '已取消', '已取消'),
} as const;
