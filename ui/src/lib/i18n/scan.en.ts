import type { scanId } from './scan.id';

// English messages of reading a receipt's QR with the kiosk camera: exactly the keys of
// `scan.id.ts`.
export const scanEn: { readonly [K in keyof typeof scanId]: string } = {
  'scan.close': 'Close the camera',
  'scan.cameraUnavailable.body':
    "Sorry, this kiosk's camera cannot be used right now. Please type the number with the number buttons on the screen, or ask a staff member for help.",
  'status.scan': 'Scan the QR on your registration receipt',
  'status.scan.instruction': 'Hold the QR code on your registration receipt up to the camera, inside the box.',
  'status.scan.refused':
    'This QR is not from a registration receipt. Hold the status QR code on your registration receipt up to the camera.',
  'survey.code.scan': 'Scan the survey QR on your registration receipt',
  'survey.code.scan.instruction': 'Hold the survey QR code on your registration receipt up to the camera, inside the box.',
  'survey.code.scan.refused':
    'This QR is not a survey code. Hold the survey QR code on your registration receipt up to the camera.',
};
