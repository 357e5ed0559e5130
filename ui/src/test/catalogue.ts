// A part of the demo catalogue (crates/anjungan-hub/demo/catalogue.json) for the UI's tests:
// a SiCantik service with form fields and conditional requirements, one with a choice field,
// an OSS service and a SIMBG one.
import type { Catalogue } from '../lib/ipc/bindings';

export const CATALOGUE: Catalogue = {
  "schema": 2,
  "version": 1,
  "effective_from": "2026-01-01",
  "updated_on": "2026-11-29",
  "services": [
    {
      "code": "sip-dokter",
      "name": "Surat Izin Praktik (SIP) Dokter / Dokter Gigi",
      "kind": "izin",
      "sector": "Kesehatan",
      "channel": "sicantik",
      "published": false,
      "sla_working_days": 9,
      "sla_basis": "comparable: MPP Pandeglang (SiCantik) = 6 hari kerja pemeriksaan teknis + 3 hari kerja penerbitan",
      "fee": "Gratis (Rp 0)",
      "fee_free": true,
      "output": "Surat Izin Praktik (SIP) Dokter/Dokter Gigi, dokumen elektronik ber-TTE",
      "legal_basis": [
        "UU No. 17 Tahun 2023 tentang Kesehatan",
        "PP No. 28 Tahun 2024 (pelaksanaan UU 17/2023)",
        "Permendagri No. 138 Tahun 2017 tentang Penyelenggaraan PTSP Daerah",
        "Perwali Kota Metro No. 06 Tahun 2017 (pelimpahan kewenangan perizinan kepada Kepala DPMPTSP)"
      ],
      "procedure": [
        "Ajukan permohonan di anjungan atau di loket, dengan dokumen persyaratan yang lengkap.",
        "Petugas memeriksa berkas. Jika ada yang kurang, Anda diberi tahu dokumen mana yang perlu dilengkapi.",
        "Berkas dinyatakan lengkap: sejak hari itu waktu penyelesaian dihitung.",
        "Pemeriksaan teknis oleh perangkat daerah terkait, bila layanan ini memerlukannya.",
        "Izin ditandatangani secara elektronik dan diterbitkan.",
        "Izin diambil di loket atau diunduh; keasliannya dapat dicek dengan kamera anjungan."
      ],
      "requirements": [
        {
          "code": "ktp",
          "name": "KTP-el pemohon",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "str",
          "name": "Surat Tanda Registrasi (STR) yang masih berlaku / STR seumur hidup",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pernyataan-memiliki-tempat",
          "name": "Surat pernyataan memiliki tempat praktik atau surat keterangan dari pimpinan fasyankes tempat praktik",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pas-foto",
          "name": "Pas foto berwarna 4x6 latar merah",
          "mandatory": true,
          "formats": [
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "persetujuan-atasan-langsung",
          "name": "Surat persetujuan atasan langsung",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "dokter yang bekerja purna waktu di fasyankes pemerintah/lainnya",
          "note": null
        },
        {
          "code": "npwp",
          "name": "NPWP",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "praktik mandiri",
          "note": null
        },
        {
          "code": "sip-pertama",
          "name": "SIP pertama (dan kedua)",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "permohonan SIP kedua/ketiga",
          "note": null
        },
        {
          "code": "kecukupan-skp-pernyataan",
          "name": "Bukti kecukupan SKP + surat pernyataan kecukupan SKP",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "perpanjangan",
          "note": null
        },
        {
          "code": "surat-kuasa",
          "name": "Surat kuasa bermeterai + KTP penerima kuasa",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "jika pengurusan dikuasakan",
          "note": null
        }
      ],
      "fields": [
        {
          "code": "tempat_praktik",
          "label": "Nama dan alamat tempat praktik",
          "kind": "text",
          "required": true,
          "max_length": 200,
          "hint": "RS Jenderal Ahmad Yani, Jl. Jend. A. Yani No. 13",
          "options": [],
          "min": null,
          "max": null
        },
        {
          "code": "nomor_str",
          "label": "Nomor STR",
          "kind": "text",
          "required": true,
          "max_length": 40,
          "options": [],
          "min": null,
          "max": null,
          "hint": null
        },
        {
          "code": "jenis_praktik",
          "label": "Jenis praktik",
          "kind": "choice",
          "required": true,
          "options": [
            "Praktik mandiri",
            "Di fasilitas pelayanan kesehatan"
          ],
          "min": null,
          "max": null,
          "max_length": null,
          "hint": null
        }
      ],
      "complaint": "Sampaikan pengaduan lewat menu Pengaduan di anjungan ini, di loket pengaduan DPMPTSP Kota Metro, atau melalui SP4N-LAPOR! (lapor.go.id).",
      "fee_basis": null,
      "portal_url": null
    },
    {
      "code": "skp-penelitian",
      "name": "Surat Keterangan Penelitian / Rekomendasi Penelitian",
      "kind": "non-izin",
      "sector": "Penelitian",
      "channel": "sicantik",
      "published": false,
      "sla_working_days": 1,
      "sla_basis": "comparable: DPMPTSP Kab. Pelalawan (SiCantik) 1 hari kerja sejak berkas lengkap",
      "fee": "Gratis",
      "fee_free": true,
      "output": "Surat Keterangan Penelitian (SKP) / Rekomendasi Penelitian",
      "legal_basis": [
        "Permendagri No. 3 Tahun 2018 tentang Penerbitan Surat Keterangan Penelitian (menggantikan Permendagri 64/2011 jo. 7/2014)"
      ],
      "procedure": [
        "Ajukan permohonan di anjungan atau di loket, dengan dokumen persyaratan yang lengkap.",
        "Petugas memeriksa berkas. Jika ada yang kurang, Anda diberi tahu dokumen mana yang perlu dilengkapi.",
        "Berkas dinyatakan lengkap: sejak hari itu waktu penyelesaian dihitung.",
        "Pemeriksaan teknis oleh perangkat daerah terkait, bila layanan ini memerlukannya.",
        "Izin ditandatangani secara elektronik dan diterbitkan.",
        "Izin diambil di loket atau diunduh; keasliannya dapat dicek dengan kamera anjungan."
      ],
      "requirements": [
        {
          "code": "ktp",
          "name": "KTP / identitas peneliti (KTM bagi mahasiswa)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pengantar-permohonan-lembaga",
          "name": "Surat pengantar/permohonan dari lembaga/perguruan tinggi (atau lurah bagi peneliti perorangan)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "proposal-penelitian",
          "name": "Proposal penelitian (latar belakang, tujuan, ruang lingkup, jangka waktu, nama peneliti, sasaran, metode, lokasi, hasil yang diharapkan)",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pernyataan-menaati-peraturan",
          "name": "Surat pernyataan menaati peraturan perundang-undangan (bermeterai)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "akta-pendirian-badan",
          "name": "Akta pendirian badan usaha/ormas/lembaga nirlaba",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "peneliti badan usaha/ormas",
          "note": null
        },
        {
          "code": "surat-kuasa",
          "name": "Surat kuasa bermeterai + KTP penerima kuasa",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "jika pengurusan dikuasakan",
          "note": null
        }
      ],
      "fields": [
        {
          "code": "judul",
          "label": "Judul penelitian",
          "kind": "text",
          "required": true,
          "max_length": 300,
          "options": [],
          "min": null,
          "max": null,
          "hint": null
        },
        {
          "code": "lokasi",
          "label": "Lokasi penelitian",
          "kind": "text",
          "required": true,
          "max_length": 200,
          "options": [],
          "min": null,
          "max": null,
          "hint": null
        },
        {
          "code": "mulai",
          "label": "Tanggal mulai",
          "kind": "date",
          "required": true,
          "options": [],
          "min": null,
          "max": null,
          "max_length": null,
          "hint": null
        },
        {
          "code": "selesai",
          "label": "Tanggal selesai",
          "kind": "date",
          "required": true,
          "options": [],
          "min": null,
          "max": null,
          "max_length": null,
          "hint": null
        }
      ],
      "complaint": "Sampaikan pengaduan lewat menu Pengaduan di anjungan ini, di loket pengaduan DPMPTSP Kota Metro, atau melalui SP4N-LAPOR! (lapor.go.id).",
      "fee_basis": null,
      "portal_url": null
    },
    {
      "code": "iptr-reklame",
      "name": "Izin Peletakan Titik Reklame (IPTR)",
      "kind": "izin",
      "sector": "Reklame",
      "channel": "sicantik",
      "published": false,
      "sla_working_days": 7,
      "sla_basis": "comparable: DPMPTSP Kab. Gresik, izin reklame permanen via SiCantik, 7 hari",
      "fee": "Izin tanpa biaya; pajak reklame (dan jaminan bongkar) dibayar terpisah sesuai Perda",
      "fee_free": false,
      "output": "Izin Peletakan Titik Reklame (IPTR)",
      "legal_basis": [
        "UU No. 1 Tahun 2022 tentang HKPD (pajak reklame)",
        "Perda/Perwali Kota Metro tentang penyelenggaraan reklame (nomor tidak ditemukan)"
      ],
      "procedure": [
        "Ajukan permohonan di anjungan atau di loket, dengan dokumen persyaratan yang lengkap.",
        "Petugas memeriksa berkas. Jika ada yang kurang, Anda diberi tahu dokumen mana yang perlu dilengkapi.",
        "Berkas dinyatakan lengkap: sejak hari itu waktu penyelesaian dihitung.",
        "Pemeriksaan teknis oleh perangkat daerah terkait, bila layanan ini memerlukannya.",
        "Izin ditandatangani secara elektronik dan diterbitkan.",
        "Izin diambil di loket atau diunduh; keasliannya dapat dicek dengan kamera anjungan."
      ],
      "requirements": [
        {
          "code": "nib",
          "name": "NIB",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "ktp",
          "name": "KTP yang masih berlaku",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pas-foto",
          "name": "Pas foto berwarna 3x4",
          "mandatory": true,
          "formats": [
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "bpjs-tk",
          "name": "BPJS Ketenagakerjaan",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "formulir-iptr-diisi",
          "name": "Formulir IPTR yang telah diisi",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "rencana-peletakan-titik",
          "name": "Rencana peletakan titik reklame + persetujuan pemilik lahan/bangunan",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "persetujuan-penggunaan-sarana",
          "name": "Persetujuan penggunaan sarana/prasarana milik pemerintah dari penyelenggara sarana",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "reklame di sarana/prasarana pemerintah",
          "note": null
        },
        {
          "code": "pembayaran-sewa-lahan",
          "name": "Bukti pembayaran sewa lahan",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "reklame di sarana/prasarana pemerintah/pemda",
          "note": null
        },
        {
          "code": "kepemilikan-tanah-bangunan",
          "name": "Bukti kepemilikan tanah/bangunan dan perjanjian sewa",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "reklame di luar sarana/prasarana pemerintah",
          "note": null
        },
        {
          "code": "pernyataan-menanggung-segala",
          "name": "Surat pernyataan menanggung segala risiko akibat penempatan reklame",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pernyataan-menyerahkan-biaya",
          "name": "Surat pernyataan menyerahkan biaya jaminan pembongkaran",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "polis-asuransi-jiwa",
          "name": "Polis asuransi jiwa dan konstruksi reklame",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "setelah disetujui Tim Teknis",
          "note": null
        },
        {
          "code": "imb-pbg-konstruksi",
          "name": "IMB/PBG konstruksi reklame",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "reklame berkonstruksi",
          "note": null
        }
      ],
      "fields": [
        {
          "code": "lokasi_titik",
          "label": "Lokasi titik reklame",
          "kind": "text",
          "required": true,
          "max_length": 200,
          "options": [],
          "min": null,
          "max": null,
          "hint": null
        },
        {
          "code": "jenis_reklame",
          "label": "Jenis reklame",
          "kind": "choice",
          "required": true,
          "options": [
            "Papan/billboard",
            "Baliho",
            "Neon box",
            "Videotron"
          ],
          "min": null,
          "max": null,
          "max_length": null,
          "hint": null
        },
        {
          "code": "luas_m2",
          "label": "Luas bidang reklame (m²)",
          "kind": "number",
          "required": true,
          "min": 0.5,
          "max": 200,
          "options": [],
          "max_length": null,
          "hint": null
        }
      ],
      "complaint": "Sampaikan pengaduan lewat menu Pengaduan di anjungan ini, di loket pengaduan DPMPTSP Kota Metro, atau melalui SP4N-LAPOR! (lapor.go.id).",
      "fee_basis": null,
      "portal_url": null
    },
    {
      "code": "pbg",
      "name": "Persetujuan Bangunan Gedung (PBG)",
      "kind": "izin",
      "sector": "Bangunan Gedung",
      "channel": "simbg",
      "published": false,
      "sla_working_days": 1,
      "sla_basis": "Metro (SIPPN): paling lambat 1 hari untuk penerbitan PBG setelah retribusi & Surat Pemenuhan Standar Teknis ditetapkan; total termasuk konsultasi TPA/TPT jauh lebih lama (Kota Pematangsiantar: 2 + 3-25 + 3 hari kerja)",
      "fee": "Retribusi PBG menurut Perda Kota Metro (dihitung dari luas x indeks x harga satuan), dibayar setelah SKRD terbit",
      "fee_free": false,
      "output": "Persetujuan Bangunan Gedung (PBG)",
      "legal_basis": [
        "UU No. 28 Tahun 2002 tentang Bangunan Gedung (diubah UU 6/2023 Cipta Kerja)",
        "PP No. 16 Tahun 2021 tentang Peraturan Pelaksanaan UU Bangunan Gedung",
        "UU No. 1 Tahun 2022 tentang HKPD (retribusi PBG)",
        "Perda Kota Metro tentang Pajak dan Retribusi Daerah"
      ],
      "procedure": [
        "Buka simbg.pu.go.id dan daftar atau masuk dengan akun Anda.",
        "Isi data bangunan dan unggah dokumen teknis (gambar arsitektur, struktur, utilitas).",
        "Tim Profesi Ahli / Tim Penilai Teknis memeriksa dokumen; ikuti jadwal konsultasi.",
        "Bayar retribusi sesuai ketetapan, lalu persetujuan terbit di SIMBG."
      ],
      "requirements": [
        {
          "code": "akun-simbg-data",
          "name": "Akun SIMBG + data pemohon (KTP pemilik bangunan)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "kepemilikan-hak-atas",
          "name": "Bukti kepemilikan/hak atas tanah atau perjanjian pemanfaatan tanah",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "kkpr-keterangan-rencana",
          "name": "KKPR atau Keterangan Rencana Kota (data intensitas bangunan)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "dokumen-rencana-teknis",
          "name": "Dokumen rencana teknis arsitektur",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "dokumen-rencana-teknis-2",
          "name": "Dokumen rencana teknis struktur",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "dokumen-rencana-mekanikal",
          "name": "Dokumen rencana mekanikal, elektrikal, plambing",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "perhitungan-struktur-daya",
          "name": "Perhitungan struktur & daya dukung tanah",
          "mandatory": false,
          "formats": [
            "pdf"
          ],
          "condition": "bangunan >= 3 lantai, tower, dsb.",
          "note": null
        },
        {
          "code": "dokumen-lingkungan",
          "name": "Dokumen lingkungan (SPPL/UKL-UPL/AMDAL)",
          "mandatory": false,
          "formats": [
            "pdf"
          ],
          "condition": "bangunan berdampak lingkungan",
          "note": null
        },
        {
          "code": "pernyataan-tanah-tidak",
          "name": "Surat pernyataan tanah tidak dalam sengketa",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "lunas-pbb-tahun",
          "name": "Bukti lunas PBB tahun berjalan",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "akta-pendirian-perusahaan",
          "name": "Akta pendirian perusahaan",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "pemohon badan usaha",
          "note": null
        },
        {
          "code": "surat-kuasa",
          "name": "Surat kuasa bermeterai + KTP penerima kuasa",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "jika pengurusan dikuasakan",
          "note": null
        }
      ],
      "fields": [],
      "complaint": "Sampaikan pengaduan lewat menu Pengaduan di anjungan ini, di loket pengaduan DPMPTSP Kota Metro, atau melalui SP4N-LAPOR! (lapor.go.id).",
      "portal_url": "https://simbg.pu.go.id",
      "fee_basis": null
    },
    {
      "code": "izin-apotek",
      "name": "Izin Apotek (Perizinan Berusaha sektor kesehatan)",
      "kind": "izin",
      "sector": "Kesehatan",
      "channel": "oss",
      "published": false,
      "sla_working_days": 24,
      "sla_basis": "comparable: DPMPTSP Kota Batu (via SiCantik, sebelum OSS RBA) 24 hari kerja",
      "fee": "Gratis",
      "fee_free": true,
      "output": "Izin Apotek (terbit di OSS)",
      "legal_basis": [
        "Permenkes No. 9 Tahun 2017 tentang Apotek",
        "Permenkes No. 14 Tahun 2021 (standar usaha sektor kesehatan)",
        "PP No. 28 Tahun 2025"
      ],
      "procedure": [
        "Buka oss.go.id dan masuk dengan akun OSS Anda (daftar dengan NIK dan e-mail bila belum punya).",
        "Pastikan usaha Anda sudah memiliki NIB (13 angka).",
        "Pilih kegiatan usaha (KBLI) dan lengkapi data usaha serta persyaratan di OSS.",
        "Komitmen yang dipenuhi secara manual diserahkan ke kantor DPMPTSP Kota Metro.",
        "Izin terbit di OSS; DPMPTSP memverifikasi pemenuhan komitmen."
      ],
      "requirements": [
        {
          "code": "nib",
          "name": "NIB dengan KBLI 47721 (perdagangan eceran obat di apotek)",
          "mandatory": true,
          "formats": [],
          "condition": null,
          "note": null
        },
        {
          "code": "surat-permohonan",
          "name": "Surat permohonan dari apoteker (perseorangan) atau pimpinan PT/yayasan/koperasi",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "perjanjian-kerja-sama",
          "name": "Perjanjian kerja sama dengan apoteker, disahkan notaris",
          "mandatory": false,
          "formats": [
            "pdf"
          ],
          "condition": "pelaku usaha non-perseorangan",
          "note": null
        },
        {
          "code": "dokumen-sppl",
          "name": "Dokumen SPPL",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "geotag-lokasi-apotek",
          "name": "Geotag lokasi apotek (foto titik koordinat)",
          "mandatory": true,
          "formats": [
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "keterangan-bahwa-apotek",
          "name": "Keterangan bahwa apotek tidak berada di lingkungan rumah sakit",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "denah-bangunan-pembagian",
          "name": "Denah bangunan dengan pembagian dan ukuran ruang",
          "mandatory": true,
          "formats": [
            "pdf"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "data-sarana-prasarana",
          "name": "Data sarana, prasarana, dan peralatan",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "foto-papan-nama",
          "name": "Foto papan nama apotek dan papan nama praktik apoteker",
          "mandatory": true,
          "formats": [
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "struktur-organisasi-sdm",
          "name": "Struktur organisasi SDM dan tugas pokoknya",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "data-apoteker-penanggung",
          "name": "Data apoteker penanggung jawab (KTP, STRA, SIPA)",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "pernyataan-komitmen-registrasi",
          "name": "Surat pernyataan komitmen registrasi SIPNAP",
          "mandatory": true,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": null,
          "note": null
        },
        {
          "code": "self-assessment-simona",
          "name": "Self-assessment SIMONA + laporan terakhir",
          "mandatory": false,
          "formats": [
            "pdf",
            "jpg",
            "png"
          ],
          "condition": "perpanjangan/perubahan",
          "note": null
        }
      ],
      "fields": [],
      "complaint": "Sampaikan pengaduan lewat menu Pengaduan di anjungan ini, di loket pengaduan DPMPTSP Kota Metro, atau melalui SP4N-LAPOR! (lapor.go.id).",
      "portal_url": "https://oss.go.id",
      "fee_basis": null
    }
  ]
};
