// Indonesian messages of reading a receipt's QR with the kiosk camera, in Cek Status and at
// the e-SKM code (merged into `id.ts`; `scan.en.ts` has the same keys).
export const scanId = {
  'scan.close': 'Tutup kamera',
  'scan.cameraUnavailable.body':
    'Maaf, kamera anjungan ini sedang tidak dapat digunakan. Silakan ketik angkanya dengan tombol angka di layar, atau minta bantuan petugas.',
  'status.scan': 'Pindai QR bukti pendaftaran',
  'status.scan.instruction': 'Arahkan kode QR pada bukti pendaftaran ke kamera, di dalam kotak.',
  'status.scan.refused':
    'QR ini bukan bukti pendaftaran. Arahkan kode QR status pada bukti pendaftaran Anda ke kamera.',
  'survey.code.scan': 'Pindai QR survei di bukti pendaftaran',
  'survey.code.scan.instruction': 'Arahkan kode QR survei pada bukti pendaftaran ke kamera, di dalam kotak.',
  'survey.code.scan.refused':
    'QR ini bukan kode survei. Arahkan kode QR survei pada bukti pendaftaran Anda ke kamera.',
} as const;
