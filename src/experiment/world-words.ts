/**
 * Words for the worlds' uncertain constants and the outcomes in both languages, for the rules
 * PRIM finds ("B fails to beat A when ..."). The scenario schema gives the constants only an
 * English meaning (ConstantsSchema repeats it under `id`), a sentence too long for a rule; these
 * are short noun phrases that read "… above 0.62" / "… di atas 0,62". The outcome names follow
 * the web app's (web/app/lang-en.ts, lang-id.ts), lower-cased.
 */
import type { ConstantName } from '../model/index.ts';

export const CONSTANT_LABELS: Readonly<Record<ConstantName, { en: string; id: string }>> = {
  returnScale: { en: 'returns on working capital', id: 'imbal hasil modal kerja' },
  skillReturn: { en: 'the payoff of business skill', id: 'hasil dari keterampilan usaha' },
  marketReturn: { en: 'the payoff of market access', id: 'hasil dari akses pasar' },
  coordReturn: { en: 'the payoff of coordination', id: 'hasil dari koordinasi kelompok' },
  businessMentoring: { en: 'what one entrepreneurship visit teaches', id: 'daya satu kunjungan pendampingan usaha' },
  organising: { en: 'what one organising visit achieves', id: 'daya satu kunjungan pengorganisasian' },
  trainingOrganising: { en: 'what up-front training teaches about organising', id: 'daya pelatihan awal untuk pengorganisasian' },
  misuseRate: { en: 'the chance an officer misuses money', id: 'peluang pengurus menyalahgunakan dana' },
  temptation: { en: 'how temptation grows with money per member', id: 'kenaikan godaan seiring dana per anggota' },
  splitThreshold: { en: 'the commitment below which members back dividing the money', id: 'batas komitmen untuk mendukung pembagian dana' },
  meetingCost: { en: 'the cost of weekly meetings to attendance', id: 'beban pertemuan mingguan bagi kehadiran' },
  teamIncentive: { en: 'the effort lost as the group grows', id: 'kerja yang hilang seiring kelompok membesar' },
  loafingShare: { en: 'the part of that loss that is loafing', id: 'bagian kemalasan sosial dari kehilangan itu' },
  sharedAttitudes: { en: 'how much a group’s members share their commitment and willingness to cooperate', id: 'kesamaan komitmen dan kesediaan bekerja sama anggota satu kelompok' },
  stagnantEffort: { en: 'the work below which a business counts as stopped', id: 'batas kerja di bawahnya usaha dianggap berhenti' },
  outsideExit: { en: 'the chance a family leaves for outside reasons', id: 'peluang keluarga keluar karena alasan luar' },
  capitalElasticity: { en: 'how well a herd’s returns hold up as it grows', id: 'seberapa baik hasil ternak bertahan saat ternak bertambah' },
};

export const OUTCOME_WORDS: Readonly<Record<string, { en: string; id: string }>> = {
  survived: { en: 'still active at the end', id: 'masih aktif di akhir' },
  activeMembersFinal: { en: 'active members at the end', id: 'anggota aktif di akhir' },
  membersAtEnd: { en: 'members left when it ended', id: 'anggota tersisa saat berakhir' },
  capitalFinal: { en: 'capital at the end', id: 'modal di akhir' },
  iksFundFinal: { en: 'IKS fund at the end', id: 'dana IKS di akhir' },
  memberIncomeMonthly: { en: 'income per member per month', id: 'pendapatan per anggota per bulan' },
  memberIncomeTotal: { en: 'income paid to all members', id: 'pendapatan dibagikan ke semua anggota' },
  businessProfitMonthly: { en: 'business profit per member per month', id: 'laba usaha per anggota per bulan' },
  exitsPerMember: { en: 'members who left, per member', id: 'anggota yang keluar, per anggota' },
  misuseCommitted: { en: 'misuse of money (found or not)', id: 'penyalahgunaan uang (ketahuan atau tidak)' },
  interventionCost: { en: 'package cost', id: 'biaya paket' },
  costPerSurvivingGroup: { en: 'cost per surviving group', id: 'biaya per kelompok yang bertahan' },
};

/** An outcome in words; an outcome not listed is named by its key. */
export const outcomeWords = (key: string, lang: 'en' | 'id'): string => OUTCOME_WORDS[key]?.[lang] ?? key;
