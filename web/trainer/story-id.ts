/**
 * Kata-kata mode pelatih dalam Bahasa Indonesia: the same keys as story-en.ts (the type says so),
 * in plain spoken Indonesian for village women's groups and facilitators. "Ia" and "-nya" are
 * used for a member: they carry no gender. Member counts are in figures ("7 dari 10 anggota"),
 * never words and figures mixed ("Tujuh dari 10"); "hadir" for meetings.
 */
import type { storyEn } from './story-en.ts';

/** Kejadian yang dibuat pelatih diceritakan seperti terjadi di kelompok, dengan tanda ini di depannya. */
const MARK = 'Kejadian pilihan pelatih: ';

export const storyId: typeof storyEn = {
  week: (w: number) => `Minggu ke-${w}`,
  member: (k: number) => `Anggota ${k}`,
  withRole: (name: string, role: string) => `${name}, ${role}`,
  roles: { ketua: 'ketua', sekretaris: 'sekretaris', bendahara: 'bendahara', anggota: 'anggota' },
  // PUEBI: a comma before "dan" in a list of three or more.
  list: (names: string[]) =>
    names.length < 2 ? names.join('') : names.length === 2 ? `${names[0]} dan ${names[1]}` : `${names.slice(0, -1).join(', ')}, dan ${names[names.length - 1]}`,

  ev: {
    grant: (rp: string) => `Dana bantuan datang: ${rp} untuk memulai usaha.`,
    mentorVisit: 'Pendamping datang berkunjung ke kelompok.',
    marketShock: (rp: string) => `Harga di pasar turun. Usaha kelompok rugi ${rp}.`,
    misuse: (who: string, rp: string) => `Diam-diam, uang kelompok ${rp} diambil oleh ${who}. Anggota lain belum tahu.`,
    misuseDetected: (who: string, rp: string) => `Anggota akhirnya tahu: uang kelompok ${rp} telah diambil oleh ${who}.`,
    misuseTakenAndFound: (who: string, rp: string) => `Uang kelompok ${rp} diambil oleh ${who}, dan anggota mengetahuinya.`,
    leaderReplaced: (chair: string, old: string) => `Anggota memilih ketua baru: ${chair} menggantikan ${old}.`,
    leaderFilled: (chair: string) => `Kelompok tidak punya ketua. Sekarang ${chair} memimpin.`,
    exit: (who: string) => `Seorang anggota keluar dari kelompok: ${who}.`,
    exitTook: (who: string, rp: string) => `Seorang anggota keluar dari kelompok: ${who}. Ia membawa ${rp} dari modal.`,
    capitalSplit: (rp: string) => `Anggota sepakat membagi-bagi modal: ${rp} dibagikan kepada mereka.`,
    stagnant: 'Kelompok macet: usahanya hampir tidak berjalan selama tiga bulan.',
    revived: 'Kelompok hidup lagi: anggota kembali bekerja.',
    dissolution: (cause: string) => `Kelompok bubar: ${cause}.`,
    dissolutionDivided: (cause: string, k: number, rp: string) => `Kelompok bubar: ${cause}. Modal ${rp} dibagi di antara ${k} anggota yang tersisa.`,
    quarrel: (a: string, b: string) => `${a} dan ${b} bertengkar. Rasa percaya di antara mereka tinggal separuh.`,
    trainerShock: (rp: string) => `Harga di pasar jatuh tajam. Usaha kelompok rugi ${rp}.`,
  },

  injected: {
    visit: `${MARK}Pendamping datang untuk kunjungan tambahan.`,
    marketShock: (rp: string) => `${MARK}Harga pasar jatuh tajam; usaha kelompok rugi ${rp}.`,
    quarrel: (a: string, b: string) => `${MARK}${a} dan ${b} bertengkar; rasa percaya di antara mereka tinggal separuh.`,
    misuse: (who: string, rp: string) => `${MARK}Uang kelompok ${rp} diambil oleh ${who}, dan anggota mengetahuinya.`,
    misuseFound: (who: string, rp: string) => `${MARK}Anggota akhirnya tahu bahwa uang kelompok ${rp} telah diambil oleh ${who}.`,
    leave: (who: string) => `${MARK}${who} keluar dari kelompok.`,
    leaveTook: (who: string, rp: string) => `${MARK}${who} keluar dari kelompok dan membawa ${rp} dari modal.`,
  },

  office: {
    noun: { ketua: 'ketua', sekretaris: 'sekretaris', bendahara: 'bendahara' },
    taken: (who: string, role: string) => `${who} menjadi ${role}.`,
    takenFrom: (who: string, role: string, old: string) => `${who} menjadi ${role} menggantikan ${old}.`,
    misuseEmpty: (who: string, office: string) => `Karena mengambil uang itu, ${who} kehilangan jabatan ${office}; untuk sementara jabatan itu kosong.`,
    misuse: (who: string, role: string) => `Karena mengambil uang itu, ${who} tidak lagi menjadi ${role}.`,
    leftEmpty: (who: string, office: string) => `Dengan keluarnya ${who}, untuk sementara kelompok tidak punya ${office}.`,
    lost: (who: string, role: string) => `${who} tidak lagi menjadi ${role}.`,
    empty: (office: string) => `Untuk sementara kelompok tidak punya ${office}.`,
  },

  frame: {
    meeting: (present: number, active: number) =>
      present === active
        ? `Kelompok mengadakan pertemuan. Semua anggota hadir (${active} orang).`
        : present <= 2
          ? `Hanya ${present} dari ${active} anggota hadir di pertemuan.`
          : `Kelompok mengadakan pertemuan. ${present} dari ${active} anggota hadir.`,
    stayedAway: (k: number, names: string) => `Kali ini ${k} anggota yang biasanya hadir tidak datang: ${names}.`,
    stayedAwayMany: (k: number) => `Kali ini ${k} anggota yang biasanya hadir tidak datang.`,
    sales: (rp: string) => `Kelompok menjual hasil usaha senilai ${rp}.`,
    salesFell: (from: string, to: string) => `Penjualan turun dari ${from} minggu lalu menjadi ${to}.`,
    payout: (rp: string, each: string) => `Anggota membagi keuntungan ${rp}, sekitar ${each} per orang.`,
    iks: (rp: string) => `Dana IKS memberi ${rp} kepada keluarga yang sedang susah.`,
    iksTo: (who: string, rp: string) => `Dana IKS membantu keluarga yang sedang susah: ${rp} untuk ${who}.`,
    trustFell: (who: string, from: string, to: string) => `Kepercayaan kepada ${who} turun dari ${from} menjadi ${to}.`,
    trustRose: (who: string, from: string, to: string) => `Kepercayaan kepada ${who} naik dari ${from} menjadi ${to}.`,
  },

  meaning: {
    goals: 'Apakah anggota tahu dan sepakat untuk apa kelompok ini ada: usaha yang dijalankan bersama dan hasilnya bagi tiap keluarga.',
    structure: 'Apakah tiap orang tahu perannya (ketua, sekretaris, bendahara, anggota) dan menerima kepemimpinan ketua.',
    taskFunctions: 'Apakah pekerjaan berjalan: tugas dibagi dan diatur, semua ikut bekerja, pembukuan tertib.',
    maintenance: 'Apakah kelompok dirawat: ada pertemuan rutin dan anggota hadir.',
    cohesion: 'Seberapa erat anggota: saling percaya dan ingin tetap bersama.',
    atmosphere: 'Bagaimana rasanya berada di kelompok: rukun dan tenang, atau tegang dan sering bertengkar.',
    pressure: 'Seberapa kuat aturan dan kesepakatan kelompok dipegang oleh para anggota.',
    effectiveness: 'Apakah kelompok mencapai tujuannya: penghasilan yang diharapkan keluarga, dan anggota yang tetap bersemangat.',
    hiddenAgenda: 'Apakah anggota terbuka soal niatnya, tanpa ada yang memakai kelompok untuk kepentingan pribadi (makin tinggi, makin terbuka).',
  },

  moved: {
    start: 'Inilah keadaan kelompok saat dibentuk.',
    hardly: 'Hampir tidak berubah minggu ini.',
    rose: (from: string, to: string, why: string) => `Naik dari ${from} menjadi ${to} minggu ini, terutama karena ${why}.`,
    fell: (from: string, to: string, why: string) => `Turun dari ${from} menjadi ${to} minggu ini, terutama karena ${why}.`,
    roseOnly: (from: string, to: string) => `Naik dari ${from} menjadi ${to} minggu ini.`,
    fellOnly: (from: string, to: string) => `Turun dari ${from} menjadi ${to} minggu ini.`,
  },

  drivers: {
    goalClarity: { up: 'tujuan kelompok makin jelas', down: 'tujuan kelompok makin kabur' },
    roleClarity: { up: 'anggota makin paham perannya', down: 'anggota makin kurang paham perannya' },
    acceptance: { up: 'anggota makin percaya pada ketua', down: 'anggota makin kurang percaya pada ketua' },
    officers: { up: 'jabatan pengurus yang kosong sudah terisi', down: 'ada jabatan pengurus yang kosong' },
    coordination: { up: 'pekerjaan makin teratur', down: 'pekerjaan makin kurang teratur' },
    bookkeeping: { up: 'pembukuan makin rapi', down: 'pembukuan makin kurang rapi' },
    meetingRate: { up: 'pertemuan makin rutin', down: 'pertemuan makin jarang' },
    attendanceRate: { up: 'makin banyak anggota hadir di pertemuan', down: 'makin sedikit anggota hadir di pertemuan' },
    meanTrust: { up: 'anggota makin saling percaya', down: 'anggota makin kurang saling percaya' },
    meanCommitment: { up: 'komitmen anggota naik', down: 'komitmen anggota turun' },
    meanEffort: { up: 'anggota bekerja lebih giat', down: 'anggota bekerja lebih sedikit' },
    meanIncomeMet: { up: 'penghasilan dari kelompok makin mendekati harapan keluarga', down: 'penghasilan dari kelompok makin jauh dari harapan keluarga' },
    conflict: { up: 'pertengkaran bertambah', down: 'pertengkaran mereda' },
    norms: { up: 'aturan kelompok makin dipegang', down: 'aturan kelompok makin longgar' },
    hiddenShare: { up: 'di antara anggota yang tersisa, makin banyak yang punya maksud pribadi', down: 'di antara anggota yang tersisa, makin sedikit yang punya maksud pribadi' },
    hiddenMisuse: { up: 'ada uang yang diambil diam-diam', down: 'uang yang diambil diam-diam tidak lagi tersembunyi' },
  },

  person: {
    roleTitle: { ketua: 'Ketua kelompok', sekretaris: 'Sekretaris kelompok', bendahara: 'Bendahara kelompok', anggota: 'Anggota biasa, tanpa jabatan' },
    stillIn: 'Masih di kelompok',
    left: (w: number) => `Keluar dari kelompok pada minggu ke-${w}`,
    inAtEnd: (w: number) => `Masih menjadi anggota ketika kelompok bubar pada minggu ke-${w}`,
    traits: (skill: string, commitment: string, integrity: string, need: string, leadership: string) =>
      `Keterampilan ${skill} · komitmen ${commitment} · kejujuran memegang uang ${integrity} · desakan kebutuhan ${need} · kepemimpinan ${leadership}`,
    disposition: {
      conditional: 'Bekerja sekeras anggota lain bekerja',
      freeRider: 'Membiarkan orang lain yang bekerja',
      unconditional: 'Selalu ikut bekerja, apa pun yang dilakukan orang lain',
    },
    hiddenAgenda: 'Punya maksud pribadi atas uang kelompok (anggota lain tidak tahu)',
    income: (rp: string) => `Penghasilan dari kelompok sejauh ini: ${rp}`,
    trustItem: (name: string, pct: string) => `${name} (${pct})`,
    trustsMost: (list: string) => `Paling percaya pada: ${list}`,
    trustsNobody: 'Tidak ada lagi anggota lain untuk dipercaya',
    trustedBy: (pct: string) => `Seberapa besar anggota lain memercayainya: ${pct}`,
  },

  tour: {
    network: {
      title: 'Para anggota',
      text: 'Setiap lingkaran adalah satu keluarga anggota, dengan peran, keterampilan dan komitmennya. Garis di antara mereka menunjukkan rasa percaya: makin tebal garisnya, makin besar kepercayaannya. Sentuh lingkaran anggota, atau arahkan tetikus ke sana, untuk melihat siapa dia.',
    },
    week: {
      title: 'Minggu dan uang',
      text: 'Penghitung minggu berjalan sejak kelompok dibentuk. Di bawahnya ada modal usaha dan dana IKS (Iuran Kesetiakawanan Sosial). Perhatikan apa yang terjadi pada keduanya ketika kepercayaan rusak.',
    },
    controls: {
      title: 'Putar, jeda, maju',
      text: 'Putar minggu demi minggu, jeda untuk berdiskusi, maju satu minggu, ubah kecepatan, atau mulai lagi dengan nasib yang sama atau nasib baru. Bisa juga dengan papan ketik.',
    },
    inject: {
      title: 'Buat sesuatu terjadi',
      text: 'Kirim pendamping, buat guncangan pasar, munculkan pertengkaran, biarkan pengurus mengambil uang, atau buat seorang anggota keluar. Lalu lihat bagaimana kelompok menanggapinya pada minggu-minggu berikutnya.',
    },
    elements: {
      title: 'Sembilan unsur dinamika kelompok',
      text: 'Tujuan, struktur, fungsi tugas, pembinaan, kekompakan, suasana, tekanan, keefektifan dan keterbukaan (tanpa maksud terselubung), masing-masing dari rendah sampai tinggi; makin tinggi makin baik. Sentuh salah satunya, atau arahkan tetikus ke sana, untuk melihat artinya dan apa yang menggerakkannya minggu ini.',
    },
    story: {
      title: 'Apa yang terjadi',
      text: 'Kejadian tiap minggu dalam kata-kata sederhana: pertemuan, penjualan, bagi hasil, anggota keluar, uang hilang. Bacakan, lalu tanyakan kepada peserta mengapa itu terjadi.',
    },
    compare: {
      title: 'Dengan dan tanpa pendamping',
      text: 'Kelompok yang sama berdampingan, dengan nasib pasar yang sama: di satu sisi pendamping datang, di sisi lain tidak ada yang datang. Tanyakan kepada peserta kapan jalan kedua kelompok mulai berbeda.',
    },
  },
};
