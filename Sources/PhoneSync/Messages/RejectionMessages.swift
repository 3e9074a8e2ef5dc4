import Sync

/// The words a participant reads for each refusal the server (or the phone, before sending)
/// can give, keyed by its `RefusalCode` in this one place.
///
/// Every code the service sends today is here, in Bahasa Indonesia and English; a test
/// fails when the server gains a code the catalog lacks. Each message says what to do next.
/// The server's own `message` (English, with the details of the case, such as a size limit)
/// stays on the `Rejection` for the screens that show details.
public enum RejectionMessages {
    /// The message for `code`, or ``fallback`` for a code the catalog does not know.
    public static func message(for code: String) -> ParticipantMessage {
        catalog[RefusalCode(rawValue: code)] ?? fallback
    }

    /// What a participant reads for a code the app does not know yet (a newer server).
    public static let fallback = ParticipantMessage(
        id: "Permintaan ini tidak dapat diproses. Periksa kembali isian Anda, atau hubungi kantor cabang BPJS Ketenagakerjaan.",
        en: "This request could not be processed. Check what you entered, or contact a BPJS Ketenagakerjaan branch office."
    )

    /// Every known code and its message.
    public static let catalog: [RefusalCode: ParticipantMessage] = [
        // Appointments at a branch or by video call (the fallback when the face check fails).
        "appointment.alreadyBooked": .init(
            id: "Anda sudah memiliki jadwal kunjungan untuk klaim ini. Lihat atau ubah jadwal yang ada.",
            en: "You already have an appointment for this claim. View or change the one you have."
        ),
        "appointment.dayOff": .init(
            id: "Kantor cabang tutup pada hari itu (akhir pekan, libur nasional atau cuti bersama). Pilih hari kerja lain.",
            en: "The branch is closed that day (weekend, public holiday or collective leave). Choose another working day."
        ),
        "appointment.full": .init(
            id: "Kuota hari itu sudah penuh. Pilih tanggal berikutnya yang masih tersedia.",
            en: "That day is fully booked. Choose the next date that still has places."
        ),
        "appointment.notToday": .init(
            id: "Jadwal kunjungan ini bukan untuk hari ini. Datanglah pada tanggal yang tertera.",
            en: "This appointment is not for today. Come on the date it shows."
        ),
        "appointment.notYet": .init(
            id: "Jadwal ini belum dimulai. Tunggu hingga waktu yang tertera.",
            en: "This appointment has not started yet. Wait until the time it shows."
        ),
        "appointment.outsideHours": .init(
            id: "Waktu itu di luar jam layanan (Senin-Jumat 06.00-17.00 WIB). Pilih waktu lain.",
            en: "That time is outside service hours (Monday-Friday 06:00-17:00 WIB). Choose another time."
        ),
        "appointment.startsAt": .init(
            id: "Waktu panggilan video tidak sesuai slot yang tersedia. Pilih slot dari daftar.",
            en: "The video-call time does not match an available slot. Choose a slot from the list."
        ),
        "appointment.tooFar": .init(
            id: "Tanggal itu terlalu jauh ke depan. Pilih tanggal yang lebih dekat.",
            en: "That date is too far ahead. Choose an earlier date."
        ),
        "appointment.tooSoon": .init(
            id: "Tanggal itu terlalu dekat; berkas perlu diperiksa dulu. Pilih tanggal berikutnya.",
            en: "That date is too soon; the documents must be checked first. Choose a later date."
        ),
        // Face checks (the last stage of the data update).
        "attempt.alreadyVerified": .init(
            id: "Verifikasi wajah Anda sudah berhasil. Tidak perlu mengulang.",
            en: "Your face check has already passed. There is no need to repeat it."
        ),
        "attempt.claimClosed": .init(
            id: "Klaim ini sudah ditutup, jadi verifikasi wajah tidak diperlukan lagi.",
            en: "This claim is closed, so no face check is needed any more."
        ),
        "attempt.fallbackOpen": .init(
            id: "Verifikasi wajah di aplikasi sudah dihentikan untuk klaim ini. Buat jadwal kunjungan cabang atau panggilan video.",
            en: "App face checks are stopped for this claim. Book a branch visit or a video call."
        ),
        "attempt.identityRejected": .init(
            id: "Data identitas Anda tidak cocok dengan data kependudukan. Buat jadwal kunjungan ke kantor cabang dengan membawa KTP asli.",
            en: "Your identity does not match the civil registry. Book a branch visit and bring your original ID card."
        ),
        "attempt.inFuture": .init(
            id: "Jam di ponsel Anda tidak tepat. Atur tanggal dan jam otomatis, lalu coba lagi.",
            en: "Your phone's clock is wrong. Set the date and time to automatic, then try again."
        ),
        "attempt.invalid": .init(
            id: "Hasil verifikasi wajah tidak terbaca. Ulangi verifikasi wajah.",
            en: "The face check result could not be read. Take the face check again."
        ),
        "attempt.otherDevice": .init(
            id: "Verifikasi wajah harus dilakukan di ponsel yang sama. Ulangi dari ponsel ini.",
            en: "The face check must be done on the same phone. Start it again on this phone."
        ),
        "attempt.otherParticipant": .init(
            id: "Verifikasi wajah ini bukan milik akun Anda. Ulangi verifikasi wajah dari akun Anda sendiri.",
            en: "This face check does not belong to your account. Take it again from your own account."
        ),
        "attempt.rateLimited": .init(
            id:
                "Terlalu banyak percobaan verifikasi wajah. Tunggu sebentar sebelum mencoba lagi, di tempat yang terang dan tanpa kacamata.",
            en: "Too many face check attempts. Wait a while before trying again, in good light and without glasses."
        ),
        // Signing in.
        "auth.codeExpired": .init(
            id: "Kode verifikasi sudah kedaluwarsa. Minta kode baru.",
            en: "The verification code has expired. Ask for a new one."
        ),
        "auth.invalidCode": .init(
            id: "Kode verifikasi salah. Periksa SMS terakhir dan ketik ulang kodenya.",
            en: "The verification code is wrong. Check the latest SMS and type the code again."
        ),
        "auth.invalidRefreshToken": .init(
            id: "Sesi Anda sudah berakhir. Masuk kembali dengan NIK dan nomor KPJ.",
            en: "Your session has ended. Sign in again with your NIK and KPJ number."
        ),
        "auth.invalidTicket": .init(
            id: "Tautan masuk ini sudah tidak berlaku. Minta tautan baru.",
            en: "This sign-in link is no longer valid. Ask for a new one."
        ),
        "auth.invalidToken": .init(
            id: "Sesi Anda perlu diperbarui. Buka kembali aplikasi; perubahan Anda tetap tersimpan.",
            en: "Your session needs renewing. Open the app again; your changes are kept."
        ),
        "auth.noPhoneOnFile": .init(
            id: "Tidak ada nomor ponsel yang terdaftar untuk akun ini. Perbarui nomor ponsel Anda di kantor cabang.",
            en: "No phone number is on file for this account. Update your phone number at a branch office."
        ),
        "auth.officerNotFound": .init(
            id: "Nomor pegawai tidak dikenal. Periksa kembali nomor pegawai Anda.",
            en: "The employee number is not known. Check your employee number."
        ),
        "auth.officerOnly": .init(
            id: "Halaman ini hanya untuk petugas BPJS Ketenagakerjaan.",
            en: "This page is for BPJS Ketenagakerjaan officers only."
        ),
        "auth.participantNotFound": .init(
            id: "NIK dan nomor KPJ tidak ditemukan bersama. Periksa keduanya sesuai kartu peserta Anda.",
            en: "The NIK and KPJ number were not found together. Check both against your participant card."
        ),
        "auth.participantOnly": .init(
            id: "Fitur ini hanya untuk peserta. Masuk dengan akun peserta.",
            en: "This is for participants only. Sign in with a participant account."
        ),
        "auth.refreshTokenReused": .init(
            id: "Demi keamanan, sesi Anda di semua perangkat dihentikan. Masuk kembali; jika bukan Anda yang masuk, hubungi kantor cabang.",
            en: "For your safety, your sessions were ended on every device. Sign in again; if it was not you, contact a branch office."
        ),
        "auth.required": .init(
            id: "Anda perlu masuk terlebih dahulu.",
            en: "You need to sign in first."
        ),
        "auth.tooManyAttempts": .init(
            id: "Terlalu banyak kode salah. Minta kode baru dan coba lagi nanti.",
            en: "Too many wrong codes. Ask for a new code and try again later."
        ),
        "auth.tooManyCodes": .init(
            id: "Terlalu banyak permintaan kode. Tunggu beberapa menit sebelum meminta lagi.",
            en: "Too many codes were requested. Wait a few minutes before asking again."
        ),
        // Values a participant types.
        "bank.unknown": .init(
            id: "Bank ini tidak dikenal. Pilih bank dari daftar.",
            en: "This bank is not known. Choose a bank from the list."
        ),
        "bankAccount.digits": .init(
            id: "Nomor rekening hanya berisi angka. Salin dari halaman pertama buku tabungan.",
            en: "An account number contains digits only. Copy it from the first page of your bank book."
        ),
        "bankAccount.holder": .init(
            id: "Nama pemilik rekening wajib diisi, sesuai buku tabungan.",
            en: "The account holder's name is required, as in your bank book."
        ),
        "bankAccount.length": .init(
            id: "Panjang nomor rekening tidak sesuai untuk bank ini. Periksa kembali di buku tabungan.",
            en: "The account number has the wrong length for this bank. Check it in your bank book."
        ),
        "branch.unknown": .init(
            id: "Kantor cabang ini tidak dikenal. Pilih kantor cabang dari daftar.",
            en: "This branch is not known. Choose a branch from the list."
        ),
        "challengeId.format": .init(
            id: "Permintaan masuk tidak valid. Mulai lagi dari awal.",
            en: "The sign-in request is not valid. Start again."
        ),
        // Claims.
        "claim.bankAccountHolderMismatch": .init(
            id: "Nama pemilik rekening harus sama dengan nama Anda. Gunakan rekening atas nama Anda sendiri.",
            en: "The account holder's name must be your own. Use an account in your own name."
        ),
        "claim.bankAccountMissing": .init(
            id: "Isi rekening bank untuk pembayaran sebelum mengajukan klaim.",
            en: "Enter the bank account for the payment before you submit the claim."
        ),
        "claim.channelNotAllowed": .init(
            id:
                "Klaim ini tidak dapat diajukan lewat saluran itu (misalnya saldo di atas batas aplikasi). Pilih Lapak Asik atau kantor cabang.",
            en:
                "This claim cannot be filed through that channel (for example the balance is above the app's ceiling). Choose Lapak Asik or a branch."
        ),
        "claim.dataUpdateRequired": .init(
            id: "Selesaikan pengkinian data (termasuk verifikasi wajah) sebelum mengajukan klaim.",
            en: "Complete the data update (including the face check) before you submit the claim."
        ),
        "claim.documentsMissing": .init(
            id: "Masih ada dokumen yang belum dilampirkan. Lampirkan dokumen yang diminta, lalu ajukan lagi.",
            en: "Some documents are still missing. Attach the documents asked for, then submit again."
        ),
        "claim.fallbackPending": .init(
            id: "Klaim ini menunggu kunjungan cabang atau panggilan video. Datanglah sesuai jadwal Anda.",
            en: "This claim waits for a branch visit or video call. Come at your appointment."
        ),
        "claim.notFound": .init(
            id: "Klaim ini tidak ditemukan. Mulai klaim baru.",
            en: "This claim was not found. Start a new claim."
        ),
        "claim.notReady": .init(
            id: "Klaim belum lengkap untuk diajukan. Lengkapi isian yang ditandai.",
            en: "The claim is not complete enough to submit. Complete the marked fields."
        ),
        "claim.otherParticipant": .init(
            id: "Klaim ini bukan milik akun Anda.",
            en: "This claim does not belong to your account."
        ),
        "claim.taxNumberRequired": .init(
            id: "NPWP diperlukan untuk klaim ini. Isi nomor NPWP Anda.",
            en: "A tax number (NPWP) is required for this claim. Enter your NPWP."
        ),
        "claim.tooManyOpen": .init(
            id: "Anda sudah memiliki klaim yang sedang diproses. Ikuti klaim itu sampai selesai.",
            en: "You already have a claim in progress. Follow that claim until it is done."
        ),
        "claim.unreadable": .init(
            id: "Data klaim di ponsel tidak terbaca. Sinkronkan ulang aplikasi.",
            en: "The claim's data on the phone could not be read. Sync the app again."
        ),
        "claimId.format": .init(
            id: "Nomor klaim tidak valid. Buka klaim dari daftar klaim Anda.",
            en: "The claim number is not valid. Open the claim from your list of claims."
        ),
        "clock.skew": .init(
            id: "Jam di ponsel Anda tidak tepat. Atur tanggal dan jam otomatis, lalu sinkronkan lagi.",
            en: "Your phone's clock is wrong. Set the date and time to automatic, then sync again."
        ),
        "code.format": .init(
            id: "Kode verifikasi terdiri dari 6 angka. Ketik ulang kodenya.",
            en: "The verification code is 6 digits. Type the code again."
        ),
        "correction.item": .init(
            id: "Permintaan perbaikan tidak lengkap. Petugas akan menghubungi Anda.",
            en: "The correction request is incomplete. An officer will contact you."
        ),
        "request.tooLarge": .init(
            id: "Data yang dikirim terlalu besar. Kirim dalam bagian yang lebih kecil atau perkecil berkasnya.",
            en: "What was sent is too large. Send it in smaller parts or make the file smaller."
        ),
        "request.tooSlow": .init(
            id: "Koneksi terlalu lambat dan pengiriman terputus. Aplikasi akan mencoba lagi saat sinyal lebih baik.",
            en: "The connection was too slow and the upload was cut off. The app will try again when the signal is better."
        ),
        "auth.noSigningKey": .init(
            id: "Layanan sedang tidak dapat memproses masuk. Coba lagi beberapa saat lagi.",
            en: "The service cannot sign anyone in just now. Try again in a moment."
        ),
        "auth.addressLimited": .init(
            id: "Terlalu banyak percobaan masuk dari jaringan ini. Tunggu sebentar lalu coba lagi.",
            en: "Too many sign-in attempts came from this network. Wait a moment, then try again."
        ),
        "auth.sessionEnded": .init(
            id: "Sesi masuk Anda telah berakhir. Silakan masuk lagi; perubahan yang belum terkirim tetap ada di ponsel.",
            en: "Your sign-in has ended. Sign in again; changes not yet sent stay on the phone."
        ),
        "auth.notYourSession": .init(
            id: "Sesi ini bukan milik Anda. Keluar hanya dapat dilakukan untuk sesi Anda sendiri.",
            en: "This session is not yours. You can only sign out of your own session."
        ),
        "cursor.invalid": .init(
            id: "Data sinkronisasi di ponsel tidak dikenali server. Aplikasi akan memuat ulang data Anda.",
            en: "The server does not recognise the phone's sync position. The app will load your data again."
        ),
        "cursor.range": .init(
            id: "Data di ponsel perlu dimuat ulang. Aplikasi akan menyinkronkan ulang.",
            en: "The data on the phone needs to be loaded again. The app will sync again."
        ),
        "date.format": .init(
            id: "Tanggal tidak valid. Pilih tanggal dari kalender.",
            en: "The date is not valid. Choose a date from the calendar."
        ),
        "days.range": .init(
            id: "Rentang hari terlalu panjang. Pilih rentang yang lebih pendek.",
            en: "The range of days is too long. Choose a shorter range."
        ),
        "deviceId.format": .init(
            id: "Identitas perangkat tidak valid. Pasang ulang aplikasi.",
            en: "The device identity is not valid. Reinstall the app."
        ),
        // Documents.
        "document.alreadyAttached": .init(
            id: "Dokumen ini sudah dilampirkan.",
            en: "This document is already attached."
        ),
        "document.checksum": .init(
            id: "Berkas rusak saat dikirim. Lampirkan ulang dokumennya.",
            en: "The file was damaged on the way. Attach the document again."
        ),
        "document.empty": .init(
            id: "Berkas kosong. Foto atau pindai ulang dokumennya.",
            en: "The file is empty. Photograph or scan the document again."
        ),
        "document.invalid": .init(
            id: "Dokumen tidak dapat dilampirkan. Lampirkan ulang dokumennya.",
            en: "The document could not be attached. Attach it again."
        ),
        "document.kindMismatch": .init(
            id: "Jenis dokumen tidak sesuai dengan yang diunggah. Pilih jenis dokumen yang benar.",
            en: "The document type does not match what was uploaded. Choose the right document type."
        ),
        "document.mismatch": .init(
            id: "Berkas yang diterima berbeda dengan yang dilampirkan. Lampirkan ulang dokumennya.",
            en: "The file received differs from the one attached. Attach the document again."
        ),
        "document.notFound": .init(
            id: "Dokumen ini tidak ditemukan. Lampirkan ulang dokumennya.",
            en: "This document was not found. Attach it again."
        ),
        "document.otherClaim": .init(
            id: "Berkas ini diunggah untuk klaim lain. Lampirkan dokumen untuk klaim ini.",
            en: "This file was uploaded for another claim. Attach a document for this claim."
        ),
        "document.selfieNotPhoto": .init(
            id: "Swafoto harus berupa foto (JPEG atau PNG). Ambil swafoto dengan kamera.",
            en: "A selfie must be a photo (JPEG or PNG). Take the selfie with the camera."
        ),
        "document.tooLarge": .init(
            id: "Berkas terlalu besar. Foto ulang dengan resolusi lebih kecil atau pindai per halaman.",
            en: "The file is too large. Take the photo at a lower resolution or scan one page at a time."
        ),
        "document.type": .init(
            id: "Dokumen harus berupa foto JPEG atau PNG, atau berkas PDF.",
            en: "Documents must be JPEG or PNG photos or PDF files."
        ),
        "document.unverified": .init(
            id: "Berkas belum selesai diperiksa. Tunggu sebentar, lalu sinkronkan lagi.",
            en: "The file has not been checked yet. Wait a moment, then sync again."
        ),
        "document.uploadIncomplete": .init(
            id: "Unggahan berkas belum selesai. Biarkan aplikasi terbuka dengan koneksi internet sampai unggahan selesai.",
            en: "The file's upload is not finished. Keep the app open and online until the upload completes."
        ),
        "document.uploadNotFound": .init(
            id: "Unggahan berkas tidak ditemukan atau sudah kedaluwarsa. Lampirkan ulang dokumennya.",
            en: "The file's upload was not found or has expired. Attach the document again."
        ),
        "eligibility.age": .init(
            id: "Anda belum mencapai usia pensiun untuk alasan klaim ini. Pilih alasan lain yang sesuai.",
            en: "You have not reached retirement age for this reason. Choose another reason that applies."
        ),
        "eligibility.endOfWorkNotReported": .init(
            id: "Pemberi kerja belum melaporkan berakhirnya hubungan kerja. Minta pemberi kerja melaporkannya.",
            en: "Your employer has not reported the end of your employment. Ask your employer to report it."
        ),
        "eligibility.membershipActive": .init(
            id: "Kepesertaan Anda masih aktif. Klaim dapat diajukan setelah pemberi kerja melaporkan berhenti bekerja.",
            en: "Your membership is still active. You can claim once your employer reports the end of work."
        ),
        "eligibility.partialNeedsActiveMembership": .init(
            id: "Klaim sebagian hanya untuk peserta yang masih bekerja.",
            en: "A partial claim is only for participants who are still employed."
        ),
        "appointment.kindNotAllowed": .init(
            id: "Jenis janji temu ini tidak sesuai: wawancara Lapak Asik melalui panggilan video, pemeriksaan cabang di loket.",
            en: "Another kind of appointment is needed: a Lapak Asik interview is a video call, a branch check is at the counter."
        ),
        "claim.identityUnverified": .init(
            id: "Identitas Anda belum diverifikasi: selesaikan wawancara video atau pemeriksaan di loket cabang terlebih dahulu.",
            en: "Your identity is not verified yet: complete the video interview or the branch counter check first."
        ),
        "clock.advance": .init(
            id: "Jam simulasi tidak dapat dimajukan seperti itu.",
            en: "The simulated clock cannot be moved like that."
        ),
        "clock.backwards": .init(
            id: "Jam simulasi tidak pernah mundur.",
            en: "The simulated clock never goes back."
        ),
        "clock.notSimulated": .init(
            id: "Server ini memakai jam sebenarnya; jamnya tidak dapat dipindahkan.",
            en: "This server runs on the real clock; it cannot be moved."
        ),
        "taxNumber.digits": .init(
            id: "NPWP hanya berisi angka, titik, dan tanda hubung.",
            en: "A tax number (NPWP) has digits, dots and a dash only."
        ),
        "taxNumber.length": .init(
            id: "NPWP terdiri dari 15 angka, atau 16 untuk NPWP berbasis NIK.",
            en: "A tax number (NPWP) has 15 digits, or 16 for the NIK-based NPWP."
        ),
        "text.empty": .init(
            id: "Kolom ini tidak boleh kosong.",
            en: "This field cannot be empty."
        ),
        "text.tooLong": .init(
            id: "Teks ini terlalu panjang.",
            en: "This text is too long."
        ),
        "text.control": .init(
            id: "Teks ini memuat karakter yang tidak diizinkan.",
            en: "This text holds a character that is not allowed."
        ),
        "field.required": .init(
            id: "Kolom ini wajib diisi.",
            en: "This field is required."
        ),
        "field.invalid": .init(
            id: "Isi kolom ini tidak valid; periksa kembali.",
            en: "This value is not valid; check it and try again."
        ),
        "mutation.empty": .init(
            id: "Perubahan ini tidak mengubah apa pun.",
            en: "This change changes nothing."
        ),
        "element.notFound": .init(
            id: "Dokumen yang akan dihapus tidak ada.",
            en: "The item to remove is not there."
        ),
        "record.idFormat": .init(
            id: "Pengenal data ini tidak valid.",
            en: "This record's identifier is not valid."
        ),
        "mutation.counterReused": .init(
            id: "Aplikasi mengirim perubahan dengan nomor urut yang sudah dipakai; sinkronkan ulang.",
            en: "The app sent a change with a number already used; sync again."
        ),
        "mutation.replayUnknown": .init(
            id: "Server tidak mengenali perubahan ini; sinkronkan ulang.",
            en: "The server does not know this change; sync again."
        ),
        "intent.unknownArgument": .init(
            id: "Aplikasi mengirim data yang tidak dikenal server; perbarui aplikasi.",
            en: "The app sent something the server does not know; update the app."
        ),
        "claim.alreadyPaid": .init(
            id: "Klaim ini sudah dibayar; klaim tidak pernah dibayar dua kali.",
            en: "This claim has been paid; a claim is never paid twice."
        ),
        "claim.balanceInsufficient": .init(
            id: "Saldo JHT Anda tidak lagi mencukupi klaim ini. Tidak ada dana yang dikirim; petugas akan memeriksa ulang jumlahnya.",
            en: "Your JHT balance no longer covers this claim. Nothing was paid; an officer checks the amount again."
        ),
        "eligibility.claimInOffice": .init(
            id: "Anda masih memiliki klaim yang sedang diproses. Klaim baru dapat diajukan setelah klaim itu selesai atau dibatalkan.",
            en: "You have a claim in process. A new one can be filed once it is paid, rejected or cancelled."
        ),
        "eligibility.episodePaid": .init(
            id: "Klaim untuk alasan dan akhir masa kerja ini sudah dibayar.",
            en: "A claim for this reason and this end of work has already been paid."
        ),
        "eligibility.nothingToClaim": .init(
            id: "Saldo JHT Anda Rp0: tidak ada yang dapat diklaim.",
            en: "Your JHT balance is Rp0: there is nothing to claim."
        ),
        "ledger.batchEmpty": .init(
            id: "Kirim 1 sampai 500 posting sekaligus.",
            en: "Send 1 to 500 postings at a time."
        ),
        "ledger.batchTooLarge": .init(
            id: "Kirim 1 sampai 500 posting per permintaan.",
            en: "Send 1 to 500 postings per request."
        ),
        "ledger.postingInvalid": .init(
            id: "Posting ini tidak valid; periksa jumlah dan sumbernya.",
            en: "This posting is not valid; check its amount and source."
        ),
        "id.format": .init(
            id: "Nomor pengenal posting tidak valid (harus UUID).",
            en: "The posting's identifier is not valid (it must be a UUID)."
        ),
        "participantId.format": .init(
            id: "Nomor pengenal peserta tidak valid (harus UUID).",
            en: "The participant identifier is not valid (it must be a UUID)."
        ),
        "participant.notFound": .init(
            id: "Peserta ini tidak terdaftar.",
            en: "This participant is not registered."
        ),
        "eligibility.partialTaken": .init(
            id: "Klaim sebagian hanya dapat diambil satu kali, dan sudah Anda ambil.",
            en: "A partial claim can be taken once, and you have taken it."
        ),
        "eligibility.partialYears": .init(
            id: "Klaim sebagian memerlukan kepesertaan minimal 10 tahun.",
            en: "A partial claim needs at least 10 years of membership."
        ),
        "eligibility.waitingPeriod": .init(
            id: "Masa tunggu satu bulan setelah berhenti bekerja belum selesai. Ajukan setelah tanggal yang tertera.",
            en: "The one-month waiting period after leaving work is not over. Claim after the date shown."
        ),
        "email.shape": .init(
            id: "Alamat email tidak valid. Periksa kembali penulisannya.",
            en: "The email address is not valid. Check how it is written."
        ),
        "employeeNumber.format": .init(
            id: "Nomor pegawai tidak valid.",
            en: "The employee number is not valid."
        ),
        "fallback.invalidInput": .init(
            id: "Permintaan jadwal tidak lengkap. Pilih jenis kunjungan, tanggal dan kantor cabang.",
            en: "The booking is incomplete. Choose the kind of visit, the date and the branch."
        ),
        "fallback.otherBranch": .init(
            id: "Jadwal ini milik kantor cabang lain.",
            en: "This appointment belongs to another branch."
        ),
        "fallback.roleRequired": .init(
            id: "Hanya petugas layanan yang dapat melakukan ini.",
            en: "Only a service officer can do this."
        ),
        // Changes the app sends (an update of the app usually fixes these).
        "field.appendOnly": .init(
            id: "Data ini hanya dapat ditambah, tidak diubah. Perbarui aplikasi.",
            en: "This data can only be added to, not changed. Update the app."
        ),
        "field.intentOnly": .init(
            id: "Data ini diubah lewat langkah khusus di aplikasi. Perbarui aplikasi.",
            en: "This data changes through its own step in the app. Update the app."
        ),
        "field.locked": .init(
            id: "Klaim sudah diajukan, jadi isian ini tidak dapat diubah lagi kecuali petugas meminta perbaikan.",
            en: "The claim has been submitted, so this field cannot change unless an officer asks for a correction."
        ),
        "field.serverOwned": .init(
            id: "Data ini diisi oleh BPJS Ketenagakerjaan dan tidak dapat diubah dari aplikasi.",
            en: "This data is set by BPJS Ketenagakerjaan and cannot be changed from the app."
        ),
        "field.unknown": .init(
            id: "Aplikasi mengirim isian yang tidak dikenal. Perbarui aplikasi.",
            en: "The app sent a field the server does not know. Update the app."
        ),
        "field.wrongOperation": .init(
            id: "Perubahan ini tidak dapat dilakukan dengan cara itu. Perbarui aplikasi.",
            en: "This change cannot be made that way. Update the app."
        ),
        "fields.rejected": .init(
            id: "Beberapa isian tidak valid. Periksa isian yang ditandai.",
            en: "Some fields are not valid. Check the marked fields."
        ),
        "intent.invalidArgument": .init(
            id: "Isian untuk langkah ini tidak valid. Periksa kembali, atau perbarui aplikasi.",
            en: "The details for this step are not valid. Check them, or update the app."
        ),
        "intent.invalidTarget": .init(
            id: "Langkah ini tidak berlaku untuk data tersebut. Perbarui aplikasi.",
            en: "This step does not apply to that record. Update the app."
        ),
        "intent.missingArgument": .init(
            id: "Ada isian yang kurang untuk langkah ini. Lengkapi dan coba lagi.",
            en: "Something is missing for this step. Complete it and try again."
        ),
        "intent.notMerged": .init(
            id: "Langkah ini harus dikirim sendiri. Perbarui aplikasi.",
            en: "This step must be sent on its own. Update the app."
        ),
        "internal": .init(
            id: "Terjadi gangguan di server. Perubahan Anda tetap tersimpan di ponsel dan akan dikirim ulang.",
            en: "Something went wrong on the server. Your changes stay on the phone and will be sent again."
        ),
        "kpj.digits": .init(
            id: "Nomor KPJ hanya berisi angka. Salin dari kartu peserta Anda.",
            en: "A KPJ number contains digits only. Copy it from your participant card."
        ),
        "kpj.length": .init(
            id: "Nomor KPJ terdiri dari 11 angka. Periksa kartu peserta Anda.",
            en: "A KPJ number has 11 digits. Check your participant card."
        ),
        "limit.range": .init(
            id: "Permintaan terlalu besar. Perbarui aplikasi.",
            en: "The request is too large. Update the app."
        ),
        "nik.day": .init(
            id: "Tanggal lahir di NIK tidak valid. Salin NIK persis seperti di KTP.",
            en: "The birth date in the NIK is not valid. Copy the NIK exactly as on your ID card."
        ),
        "nik.digits": .init(
            id: "NIK hanya berisi angka. Salin dari KTP Anda.",
            en: "A NIK contains digits only. Copy it from your ID card."
        ),
        "nik.length": .init(
            id: "NIK terdiri dari 16 angka. Periksa KTP Anda.",
            en: "A NIK has 16 digits. Check your ID card."
        ),
        "nik.month": .init(
            id: "Bulan lahir di NIK tidak valid. Salin NIK persis seperti di KTP.",
            en: "The birth month in the NIK is not valid. Copy the NIK exactly as on your ID card."
        ),
        "nik.region": .init(
            id: "Kode wilayah di NIK tidak valid. Salin NIK persis seperti di KTP.",
            en: "The region code in the NIK is not valid. Copy the NIK exactly as on your ID card."
        ),
        "nik.serial": .init(
            id: "Empat angka terakhir NIK tidak valid. Salin NIK persis seperti di KTP.",
            en: "The last four digits of the NIK are not valid. Copy the NIK exactly as on your ID card."
        ),
        "office.adapterUnavailable": .init(
            id: "Pemeriksaan data sedang tidak tersedia. Klaim Anda tetap tersimpan dan akan diproses.",
            en: "Data checks are unavailable at the moment. Your claim is kept and will be processed."
        ),
        "office.roleNotHeld": .init(
            id: "Petugas tidak memiliki wewenang untuk langkah ini.",
            en: "The officer is not allowed to take this step."
        ),
        "period.date": .init(
            id: "Tanggal periode tidak valid.",
            en: "The period's date is not valid."
        ),
        "period.range": .init(
            id: "Periode tidak valid: tanggal akhir harus setelah tanggal awal.",
            en: "The period is not valid: the end must come after the start."
        ),
        "phone.digits": .init(
            id: "Nomor ponsel hanya berisi angka, diawali +62 atau 08.",
            en: "A phone number contains digits only, starting with +62 or 08."
        ),
        "phone.length": .init(
            id: "Panjang nomor ponsel tidak sesuai. Periksa kembali nomor Anda.",
            en: "The phone number has the wrong length. Check your number."
        ),
        "phone.notMobile": .init(
            id: "Gunakan nomor ponsel (diawali 08 atau +628) agar kode SMS dapat diterima.",
            en: "Use a mobile number (starting 08 or +628) so the SMS code can reach you."
        ),
        "reason.required": .init(
            id: "Alasan wajib diisi.",
            en: "A reason is required."
        ),
        // Records the phone keeps.
        "record.createNotAllowed": .init(
            id: "Data ini tidak dapat dibuat dari aplikasi. Perbarui aplikasi.",
            en: "This record cannot be created from the app. Update the app."
        ),
        "record.deleteNotAllowed": .init(
            id: "Data ini tidak dapat dihapus. Untuk membatalkan klaim, gunakan tombol Batalkan.",
            en: "This record cannot be deleted. To withdraw a claim, use Cancel."
        ),
        "record.deleted": .init(
            id: "Data ini sudah dihapus.",
            en: "This record has been deleted."
        ),
        "record.exists": .init(
            id: "Data ini sudah ada. Sinkronkan aplikasi untuk melihatnya.",
            en: "This record already exists. Sync the app to see it."
        ),
        "record.idTaken": .init(
            id: "Data dengan nomor ini sudah ada. Mulai lagi untuk membuat yang baru.",
            en: "A record with this number already exists. Start again to create a new one."
        ),
        "record.notAnObject": .init(
            id: "Data tidak terbaca. Perbarui aplikasi.",
            en: "The data could not be read. Update the app."
        ),
        "record.notFound": .init(
            id: "Data ini tidak ditemukan. Sinkronkan aplikasi.",
            en: "This record was not found. Sync the app."
        ),
        "record.unknownType": .init(
            id: "Jenis data tidak dikenal. Perbarui aplikasi.",
            en: "The kind of record is not known. Update the app."
        ),
        "record.unreadable": .init(
            id: "Data tidak terbaca. Sinkronkan ulang aplikasi.",
            en: "The record could not be read. Sync the app again."
        ),
        "request.invalid": .init(
            id: "Permintaan tidak valid. Periksa isian Anda, atau perbarui aplikasi.",
            en: "The request is not valid. Check what you entered, or update the app."
        ),
        "route.methodNotAllowed": .init(
            id: "Permintaan ini tidak didukung di alamat tersebut. Perbarui aplikasi.",
            en: "This request is not supported at that address. Update the app."
        ),
        "route.notFound": .init(
            id: "Alamat layanan tidak ditemukan. Perbarui aplikasi.",
            en: "The service address was not found. Update the app."
        ),
        "validation": .init(
            id: "Beberapa isian belum benar. Periksa kolom yang ditandai.",
            en: "Some fields are not right yet. Check the ones marked."
        ),
        "request.mediaType": .init(
            id: "Format permintaan tidak didukung. Perbarui aplikasi.",
            en: "The request's format is not supported. Update the app."
        ),
        "service.unavailable": .init(
            id: "Layanan sedang sibuk atau dalam perbaikan. Perubahan Anda tetap tersimpan di ponsel; coba lagi nanti.",
            en: "The service is busy or under maintenance. Your changes stay on the phone; try again later."
        ),
        // The satisfaction survey.
        "survey.alreadySubmitted": .init(
            id: "Survei untuk klaim ini sudah Anda isi. Terima kasih.",
            en: "You have already answered the survey for this claim. Thank you."
        ),
        "survey.claimNotPaid": .init(
            id: "Survei dapat diisi setelah klaim dibayar.",
            en: "The survey opens once the claim is paid."
        ),
        "survey.comment": .init(
            id: "Komentar terlalu panjang. Persingkat komentar Anda.",
            en: "The comment is too long. Shorten it."
        ),
        "survey.invalid": .init(
            id: "Jawaban survei tidak lengkap. Beri nilai pada setiap pertanyaan.",
            en: "The survey answers are incomplete. Give a score to every question."
        ),
        "survey.score": .init(
            id: "Nilai survei harus antara 1 dan 5.",
            en: "Survey scores go from 1 to 5."
        ),
        // The sync itself (the app handles these; the participant rarely sees them).
        "sync.batchTooLarge": .init(
            id: "Terlalu banyak perubahan dikirim sekaligus. Aplikasi akan mengirim ulang sedikit demi sedikit.",
            en: "Too many changes were sent at once. The app will send them again in smaller parts."
        ),
        "sync.counterGap": .init(
            id: "Urutan perubahan perlu disesuaikan. Aplikasi akan mengirim ulang secara otomatis.",
            en: "The order of changes needs adjusting. The app will resend them by itself."
        ),
        "sync.deviceMismatch": .init(
            id: "Perangkat ini tidak cocok dengan sesi masuk. Keluar, lalu masuk kembali.",
            en: "This device does not match the session. Sign out, then sign in again."
        ),
        "sync.deviceOfAnotherParticipant": .init(
            id: "Perangkat ini terdaftar untuk peserta lain. Masuk dengan akun yang benar atau pasang ulang aplikasi.",
            en: "This device is registered to another participant. Sign in with the right account or reinstall the app."
        ),
        "sync.forbidden": .init(
            id: "Anda tidak berhak mengubah data ini.",
            en: "You may not change this record."
        ),
        "sync.invalidMutation": .init(
            id: "Aplikasi mengirim perubahan yang tidak valid. Perbarui aplikasi.",
            en: "The app sent a change that is not valid. Update the app."
        ),
        "sync.malformedBatch": .init(
            id: "Aplikasi mengirim perubahan yang tidak valid. Perbarui aplikasi.",
            en: "The app sent changes that are not valid. Update the app."
        ),
        "sync.participantOnly": .init(
            id: "Sinkronisasi hanya untuk akun peserta.",
            en: "Sync is for participant accounts only."
        ),
        "text.unstorable": .init(
            id: "Teks berisi karakter yang tidak dapat disimpan. Hapus simbol khusus dan coba lagi.",
            en: "The text contains characters that cannot be stored. Remove special symbols and try again."
        ),
        "ticket.claimClosed": .init(
            id: "Klaim ini sudah ditutup, jadi jadwal kunjungan tidak diperlukan lagi.",
            en: "This claim is closed, so no appointment is needed any more."
        ),
        "ticket.id": .init(
            id: "Nomor tiket tidak valid. Buka tiket dari daftar klaim Anda.",
            en: "The ticket number is not valid. Open the ticket from your claims."
        ),
        "ticket.invalidTransition": .init(
            id: "Tiket tidak dapat diubah pada tahap ini.",
            en: "The ticket cannot change at this stage."
        ),
        "ticket.notFound": .init(
            id: "Tiket kunjungan tidak ditemukan. Sinkronkan aplikasi.",
            en: "The visit ticket was not found. Sync the app."
        ),
        "ticket.unreadable": .init(
            id: "Tiket kunjungan tidak terbaca. Sinkronkan ulang aplikasi.",
            en: "The visit ticket could not be read. Sync the app again."
        ),
        // Resumable uploads.
        "upload.attached": .init(
            id: "Berkas ini sudah dilampirkan ke klaim dan tidak dapat diubah.",
            en: "This file is already attached to a claim and cannot change."
        ),
        "upload.busy": .init(
            id: "Berkas sedang dikirim dari tempat lain. Tunggu sebentar; aplikasi akan melanjutkan.",
            en: "The file is being sent from elsewhere. Wait a moment; the app will carry on."
        ),
        "upload.bytesMissing": .init(
            id: "Berkas di ponsel tidak ditemukan lagi. Lampirkan ulang dokumennya.",
            en: "The file is no longer on the phone. Attach the document again."
        ),
        "upload.checksumAlgorithm": .init(
            id: "Cara pemeriksaan berkas tidak didukung. Perbarui aplikasi.",
            en: "The file check method is not supported. Update the app."
        ),
        "upload.checksumHeader": .init(
            id: "Pemeriksaan berkas tidak valid. Perbarui aplikasi.",
            en: "The file check is not valid. Update the app."
        ),
        "upload.checksumMismatch": .init(
            id: "Sebagian berkas rusak saat dikirim. Aplikasi akan mengirim ulang bagian itu.",
            en: "Part of the file was damaged on the way. The app will send that part again."
        ),
        "upload.contentType": .init(
            id: "Format pengiriman berkas tidak didukung. Perbarui aplikasi.",
            en: "The upload format is not supported. Update the app."
        ),
        "upload.disguisedType": .init(
            id: "Isi berkas tidak sesuai dengan jenisnya. Foto atau pindai ulang dokumennya sebagai JPEG, PNG atau PDF.",
            en: "The file's content does not match its type. Photograph or scan the document again as JPEG, PNG or PDF."
        ),
        "upload.empty": .init(
            id: "Berkas kosong. Foto atau pindai ulang dokumennya.",
            en: "The file is empty. Photograph or scan the document again."
        ),
        "upload.exceedsLength": .init(
            id: "Berkas lebih besar dari yang diumumkan. Lampirkan ulang dokumennya.",
            en: "The file is larger than announced. Attach the document again."
        ),
        "upload.expired": .init(
            id: "Unggahan sudah kedaluwarsa. Aplikasi akan memulai unggahan baru.",
            en: "The upload has expired. The app will start a new one."
        ),
        "upload.fileChecksumMismatch": .init(
            id: "Berkas yang diterima tidak utuh. Lampirkan ulang dokumennya.",
            en: "The file did not arrive whole. Attach the document again."
        ),
        "upload.lengthRequired": .init(
            id: "Ukuran berkas tidak diketahui. Perbarui aplikasi.",
            en: "The file's size is unknown. Update the app."
        ),
        "upload.locationInvalid": .init(
            id: "Alamat unggahan tidak valid. Aplikasi akan memulai unggahan baru.",
            en: "The upload address is not valid. The app will start a new upload."
        ),
        "upload.metadata": .init(
            id: "Keterangan berkas tidak valid. Lampirkan ulang dokumennya.",
            en: "The file's details are not valid. Attach the document again."
        ),
        "upload.notFound": .init(
            id: "Unggahan tidak ditemukan. Aplikasi akan memulai unggahan baru.",
            en: "The upload was not found. The app will start a new one."
        ),
        "upload.offsetInvalid": .init(
            id: "Unggahan tidak dapat dilanjutkan. Lampirkan ulang dokumennya.",
            en: "The upload cannot continue. Attach the document again."
        ),
        "upload.offsetMismatch": .init(
            id: "Posisi unggahan berbeda dengan server. Aplikasi akan melanjutkan dari posisi yang benar.",
            en: "The upload's position differs from the server's. The app will carry on from the right place."
        ),
        "upload.refused": .init(
            id: "Server menolak berkas ini. Foto atau pindai ulang dokumennya.",
            en: "The server refused this file. Photograph or scan the document again."
        ),
        "upload.tooLarge": .init(
            id: "Berkas melebihi batas ukuran. Foto ulang dengan resolusi lebih kecil atau pindai per halaman.",
            en: "The file is over the size limit. Take the photo at a lower resolution or scan one page at a time."
        ),
        "upload.tooManyOpen": .init(
            id: "Terlalu banyak unggahan yang belum selesai. Selesaikan unggahan yang ada dulu.",
            en: "Too many unfinished uploads. Finish the ones you have first."
        ),
        "upload.tusVersion": .init(
            id: "Versi pengunggahan tidak didukung. Perbarui aplikasi.",
            en: "The upload version is not supported. Update the app."
        ),
        "upload.type": .init(
            id: "Dokumen harus berupa foto JPEG atau PNG, atau berkas PDF.",
            en: "Documents must be JPEG or PNG photos or PDF files."
        ),
        // The office workflow.
        "workflow.fourEyes": .init(
            id: "Petugas yang memeriksa tidak boleh juga menyetujui klaim yang sama.",
            en: "The officer who checked a claim may not also approve it."
        ),
        "workflow.invalidInput": .init(
            id: "Isian untuk langkah klaim ini tidak lengkap.",
            en: "The details for this claim step are incomplete."
        ),
        "workflow.invalidTransition": .init(
            id: "Klaim tidak dapat berpindah ke tahap itu sekarang. Sinkronkan aplikasi untuk melihat status terbaru.",
            en: "The claim cannot move to that stage now. Sync the app to see its latest status."
        ),
        "workflow.otherBranch": .init(
            id: "Klaim ini ditangani kantor cabang lain.",
            en: "This claim is handled by another branch."
        ),
        "workflow.participantOnly": .init(
            id: "Langkah ini hanya dapat dilakukan oleh peserta dari aplikasi.",
            en: "Only the participant can take this step, from the app."
        ),
        "workflow.roleRequired": .init(
            id: "Langkah ini memerlukan petugas dengan peran yang sesuai.",
            en: "This step needs an officer with the right role."
        ),
        "year.range": .init(
            id: "Tahun di luar rentang yang tersedia.",
            en: "The year is outside the available range."
        ),
    ]
}
