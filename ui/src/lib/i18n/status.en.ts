import type { statusId } from './status.id';

// English messages of Cek Status's result and timeline: exactly the keys of `status.id.ts`.
export const statusEn: { readonly [K in keyof typeof statusId]: string } = {
  'status.error.format':
    'This number is not complete or not quite right. An application number has {digits} digits, for example {example}.',
  'status.error.checkDigit':
    'A digit was mistyped: the last digit does not match the digits before it. Please check each digit against your receipt.',
  'status.slaSameDay': 'Done on the spot',
  'status.missing.title': 'Documents to bring or correct',
  'status.missing.bring': 'Bring these documents to the service counter, together with your receipt.',
  'status.note': 'Note from the staff: {note}',
  'status.reason': 'Reason: {reason}',
  'status.step': 'Current step: {step}',
  'status.handover':
    'The permit can be collected at the service counter or downloaded. You can check that it is genuine at this kiosk, with "Verify a Permit".',
  'status.rejectedHelp':
    'If you have any questions, please come to the service counter or tell us through Complaints.',
  'status.timeline.title': 'Application history',
  'status.timeline.at': '{date}, {time} WIB',
  'status.timeline.current': 'Now',
  'status.timeline.next': 'Next: {status}',
  'status.timeline.missing': 'Documents requested: {items}',
  'status.timeline.other': 'Status updated',
  'status.due.label': 'Expected to be done',
  'status.due.left': '{n} working days left',
  'status.due.today': 'Due today',
  'status.due.late': '{n} working days late',
  'status.due.lateHelp': 'We apologise for the delay. Please ask at the service counter.',
  'status.source.local': 'Not sent to the office yet; it will be sent automatically.',
  'status.source.cached': 'Last known status, {age} ago.',
  'status.source.cachedJustNow': 'Last known status, just now.',
};
