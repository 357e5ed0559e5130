import { locale, t, type MessageKey } from './i18n/index.svelte';
import type { AgeBand, Education, Grade, Occupation, Sex } from './ipc/bindings';

// The e-SKM vocabulary shared by the kiosk survey and the staff dashboard.

export const SEXES: readonly Sex[] = ['laki_laki', 'perempuan'];
export const AGE_BANDS: readonly AgeBand[] = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'];
export const EDUCATIONS: readonly Education[] = ['sd', 'smp', 'sma', 'd1_d3', 's1', 's2', 's3'];
export const OCCUPATIONS: readonly Occupation[] = ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'lainnya'];

export const sexKey = (v: Sex): MessageKey => `profile.sex.${v}`;
export const ageKey = (v: AgeBand): MessageKey => `profile.age.${v}`;
export const educationKey = (v: Education): MessageKey => `profile.edu.${v}`;
export const occupationKey = (v: Occupation): MessageKey => `profile.job.${v}`;

export type ProfileField = 'sex' | 'age_band' | 'education' | 'occupation';

const VALUES: Record<ProfileField, readonly string[]> = {
  sex: SEXES,
  age_band: AGE_BANDS,
  education: EDUCATIONS,
  occupation: OCCUPATIONS,
};

const PREFIX: Record<ProfileField, string> = {
  sex: 'profile.sex',
  age_band: 'profile.age',
  education: 'profile.edu',
  occupation: 'profile.job',
};

/** A profile value as a count table shows it; unknown values are shown as sent. */
export function profileLabel(field: ProfileField, value: string): string {
  if (value === '' || value === 'null' || value === 'unknown' || value === 'unstated') {
    return t('profile.unstated');
  }
  if (!VALUES[field].includes(value)) return value;
  return t(`${PREFIX[field]}.${value}` as MessageKey);
}

const ELEMENT_KEYS: Record<string, MessageKey> = {
  U1: 'skm.element.U1',
  U2: 'skm.element.U2',
  U3: 'skm.element.U3',
  U4: 'skm.element.U4',
  U5: 'skm.element.U5',
  U6: 'skm.element.U6',
  U7: 'skm.element.U7',
  U8: 'skm.element.U8',
  U9: 'skm.element.U9',
  U10: 'skm.element.U10',
  'U9+U10': 'skm.element.U9+U10',
};

/** The short, translated name of a survey element (`U1` … `U10`, `U9+U10`). */
export function elementName(code: string): string {
  const key = ELEMENT_KEYS[code];
  return key ? t(key) : code;
}

export const gradeKey = (grade: Grade): MessageKey => `skm.grade.${grade}`;

/** A number with a fixed count of decimals in the current language ("82,47" / "82.47"). */
export function formatDecimal(value: number, decimals: number): string {
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A whole number in the current language. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** Digits in an e-SKM code (the last a check digit). */
export const SKM_CODE_DIGITS = 10;

/** An e-SKM code's digits as printed on the receipt, 4-4-2: `1234 5678 90`. */
export function groupSkmCode(digits: string): string {
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].filter((p) => p !== '').join(' ');
}

/** What the e-SKM QR on a receipt holds before the code. */
export const SKM_QR_PREFIX = 'ANJUNGAN-SKM:';

/** The code's digits in a QR read by the camera, if it is a receipt's e-SKM QR; otherwise null. */
export function skmCodeFromQr(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(SKM_QR_PREFIX)) return null;
  const digits = trimmed.slice(SKM_QR_PREFIX.length);
  return digits.length === SKM_CODE_DIGITS && /^\d+$/.test(digits) ? digits : null;
}
