// Indonesian messages of Cek Status's result and timeline (merged into `id.ts`; `status.en.ts`
// has the same keys).
export const statusId = {
  'status.error.format':
    'Nomor belum lengkap atau belum benar. Nomor permohonan terdiri dari {digits} angka, contohnya {example}.',
  'status.error.checkDigit':
    'Ada angka yang salah ketik: angka terakhir tidak cocok dengan angka-angka sebelumnya. Periksa lagi setiap angka dengan bukti pendaftaran Anda.',
  'status.slaSameDay': 'Selesai di tempat',
  'status.missing.title': 'Dokumen yang perlu dibawa atau diperbaiki',
  'status.missing.bring': 'Bawa dokumen tersebut ke loket pelayanan, bersama bukti pendaftaran Anda.',
  'status.note': 'Catatan petugas: {note}',
  'status.reason': 'Alasan: {reason}',
  'status.step': 'Tahap sekarang: {step}',
  'status.handover':
    'Izin dapat diambil di loket pelayanan atau diunduh. Keaslian izin bisa dicek di anjungan ini, lewat menu "Cek Keaslian Izin".',
  'status.rejectedHelp':
    'Bila ada yang ingin ditanyakan, silakan datang ke loket pelayanan atau sampaikan lewat menu Pengaduan.',
  'status.timeline.title': 'Riwayat permohonan',
  'status.timeline.at': '{date}, pukul {time} WIB',
  'status.timeline.current': 'Sekarang',
  'status.timeline.next': 'Berikutnya: {status}',
  'status.timeline.missing': 'Dokumen diminta: {items}',
  'status.timeline.other': 'Status diperbarui',
  'status.due.label': 'Perkiraan selesai',
  'status.due.left': 'Sisa {n} hari kerja',
  'status.due.today': 'Batas waktunya hari ini',
  'status.due.late': 'Terlambat {n} hari kerja',
  'status.due.lateHelp': 'Mohon maaf atas keterlambatan ini. Silakan tanyakan ke loket pelayanan.',
  'status.source.local': 'Belum terkirim ke kantor; akan dikirim otomatis.',
  'status.source.cached': 'Status terakhir yang diketahui, {age} lalu.',
  'status.source.cachedJustNow': 'Status terakhir yang diketahui, baru saja.',
} as const;
