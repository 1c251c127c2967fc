// The holder's new PIN: one code per rule (core/enrollment/pin-policy.ts PinRejection), so a
// person reads which rule the PIN broke. The lengths come from the station's PIN policy.
import { e } from '../entry.ts';

export const PIN_RULES = {
  PIN_TOO_SHORT: e(
    ['The new PIN is too short.', 'Choose a PIN of at least {minLength} digits.'],
    ['새 PIN이 너무 짧습니다.', '{minLength}자리 이상의 PIN을 선택하십시오.'],
    ['新 PIN 太短。', '请选择至少 {minLength} 位数字的 PIN。'],
    ['新 PIN 太短。', '請選擇至少 {minLength} 位數字的 PIN。'],
  ),
  PIN_TOO_LONG: e(
    ['The new PIN is too long.', 'Choose a PIN of at most {maxLength} digits.'],
    ['새 PIN이 너무 깁니다.', '{maxLength}자리 이하의 PIN을 선택하십시오.'],
    ['新 PIN 太长。', '请选择最多 {maxLength} 位数字的 PIN。'],
    ['新 PIN 太長。', '請選擇最多 {maxLength} 位數字的 PIN。'],
  ),
  PIN_NOT_DIGITS: e(
    ['The new PIN contains characters other than digits.', 'Use digits 0–9 only.'],
    ['새 PIN에 숫자 이외의 문자가 있습니다.', '0~9의 숫자만 사용하십시오.'],
    ['新 PIN 含有数字以外的字符。', '请只使用数字 0–9。'],
    ['新 PIN 含有數字以外的字元。', '請只使用數字 0–9。'],
  ),
  PIN_IS_TRANSPORT_PIN: e(
    [
      'The new PIN is the same as the transport PIN.',
      'Choose a PIN that differs from the transport PIN the card arrived with.',
    ],
    ['새 PIN이 초기 PIN과 같습니다.', '카드를 받을 때 설정되어 있던 초기 PIN과 다른 PIN을 선택하십시오.'],
    ['新 PIN 与初始 PIN 相同。', '请选择与卡片交付时设置的初始 PIN 不同的 PIN。'],
    ['新 PIN 與初始 PIN 相同。', '請選擇與卡片交付時設定的初始 PIN 不同的 PIN。'],
  ),
  PIN_IS_DEFAULT: e(
    [
      'The new PIN is a well-known PIN (a factory default or a common choice such as 123456).',
      'Choose a PIN that others cannot guess.',
    ],
    [
      '새 PIN이 널리 알려진 PIN(공장 기본값 또는 123456 같은 흔한 값)입니다.',
      '다른 사람이 추측할 수 없는 PIN을 선택하십시오.',
    ],
    ['新 PIN 是众所周知的 PIN（出厂默认值或 123456 这类常见值）。', '请选择他人无法猜到的 PIN。'],
    ['新 PIN 是眾所皆知的 PIN（出廠預設值或 123456 這類常見值）。', '請選擇他人無法猜到的 PIN。'],
  ),
  PIN_REPEATED_DIGIT: e(
    ['The new PIN is one digit repeated (like 444444).', 'Choose a PIN that uses different digits.'],
    ['새 PIN이 같은 숫자의 반복(예: 444444)입니다.', '서로 다른 숫자를 사용하는 PIN을 선택하십시오.'],
    ['新 PIN 是同一数字的重复（例如 444444）。', '请选择由不同数字组成的 PIN。'],
    ['新 PIN 是同一數字的重複（例如 444444）。', '請選擇由不同數字組成的 PIN。'],
  ),
  PIN_SEQUENCE: e(
    [
      'The new PIN is a run of consecutive digits (like 345678 or 987654).',
      'Choose a PIN whose digits do not simply count up or down.',
    ],
    [
      '새 PIN이 연속된 숫자(예: 345678, 987654)입니다.',
      '숫자가 단순히 하나씩 증가하거나 감소하지 않는 PIN을 선택하십시오.',
    ],
    ['新 PIN 是连续的数字（例如 345678 或 987654）。', '请选择数字不是简单递增或递减的 PIN。'],
    ['新 PIN 是連續的數字（例如 345678 或 987654）。', '請選擇數字不是單純遞增或遞減的 PIN。'],
  ),
  PIN_REPEATED_PATTERN: e(
    [
      'The new PIN repeats a short pattern (like 121212 or 123123).',
      'Choose a PIN that is not a short group of digits written more than once.',
    ],
    [
      '새 PIN이 짧은 패턴의 반복(예: 121212, 123123)입니다.',
      '짧은 숫자 묶음이 반복되지 않는 PIN을 선택하십시오.',
    ],
    ['新 PIN 是一小组数字的重复（例如 121212 或 123123）。', '请选择不是由一小组数字重复组成的 PIN。'],
    ['新 PIN 是一小組數字的重複（例如 121212 或 123123）。', '請選擇不是由一小組數字重複組成的 PIN。'],
  ),
  PIN_CONFIRMATION_MISMATCH: e(
    ['The two entries of the new PIN differ.', 'Enter the same new PIN twice.'],
    ['두 번 입력한 새 PIN이 서로 다릅니다.', '같은 새 PIN을 두 번 입력하십시오.'],
    ['两次输入的新 PIN 不一致。', '请两次输入相同的新 PIN。'],
    ['兩次輸入的新 PIN 不一致。', '請兩次輸入相同的新 PIN。'],
  ),
  /** @deprecated raise the rule's own code (PinRejection) instead; kept while callers switch */
  PIN_POLICY: e(
    [
      'The new PIN does not meet the PIN rules.',
      'Choose digits only, of the allowed length, that are not the transport PIN, not one digit repeated, not a run like 123456 and not a repeated pattern.',
    ],
    [
      '새 PIN이 PIN 규칙에 맞지 않습니다.',
      '허용된 길이의 숫자로만 이루어지고, 초기 PIN이 아니며, 같은 숫자의 반복이나 123456 같은 연속 숫자, 반복 패턴이 아닌 PIN을 선택하십시오.',
    ],
    [
      '新 PIN 不符合 PIN 规则。',
      '请选择长度符合要求的纯数字 PIN，不能是初始 PIN，不能是同一数字重复、123456 这样的连续数字或重复的模式。',
    ],
    [
      '新 PIN 不符合 PIN 規則。',
      '請選擇長度符合要求的純數字 PIN，不能是初始 PIN，不能是同一數字重複、123456 這樣的連續數字或重複的模式。',
    ],
  ),
} as const;
