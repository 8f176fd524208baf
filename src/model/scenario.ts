/**
 * The scenario schema: the single source of truth for every parameter's type, unit, default,
 * range and meaning (in English and Bahasa Indonesia). The CLI's help, the web controls and
 * docs/MODEL.md are all read from here through {@link parameterTable}.
 */
import { z } from 'zod';
import { CONSTANT_NAMES, CONSTANTS } from './constants.ts';

/** Words of one parameter in both languages of the project. */
export interface ParamText {
  en: string;
  id: string;
}

/** What the schema carries for each numeric or categorical parameter. */
export type ParamMeta = {
  unit: string;
  text: ParamText;
  min?: number;
  max?: number;
  int?: boolean;
  options?: readonly string[];
};

interface NumSpec {
  min: number;
  max: number;
  default: number;
  unit: string;
  en: string;
  id: string;
  int?: boolean;
}

function num(spec: NumSpec) {
  let base = z.number();
  if (spec.int) base = base.int();
  const meta: ParamMeta = {
    unit: spec.unit,
    text: { en: spec.en, id: spec.id },
    min: spec.min,
    max: spec.max,
    int: spec.int ?? false,
  };
  return base.min(spec.min).max(spec.max).default(spec.default).meta(meta);
}

function share(def: number, en: string, id: string) {
  return num({ min: 0, max: 1, default: def, unit: '0–1', en, id });
}

function choice<const T extends readonly [string, ...string[]]>(
  options: T,
  def: T[number],
  en: string,
  id: string,
) {
  const meta: ParamMeta = { unit: 'choice', text: { en, id }, options };
  return z.enum(options).default(def as never).meta(meta);
}

/** Mean and spread of one member trait (both on the 0–1 scale), drawn as a clipped normal. */
function trait(mean: number, sd: number, en: string, id: string) {
  return z
    .strictObject({
      mean: share(mean, `${en}: mean`, `${id}: rata-rata`),
      sd: num({ min: 0, max: 0.5, default: sd, unit: '0–1', en: `${en}: spread (sd)`, id: `${id}: sebaran (sd)` }),
    })
    .prefault({});
}

export const BUSINESS_TYPES = [
  'livestock',
  'poultry',
  'fish',
  'warung',
  'foodProcessing',
  'crafts',
  'savingsLoan',
] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

export const ROLES = ['ketua', 'sekretaris', 'bendahara', 'anggota'] as const;
export type RoleName = (typeof ROLES)[number];

export const DISPOSITIONS = ['conditional', 'freeRider', 'unconditional'] as const;
export type DispositionName = (typeof DISPOSITIONS)[number];

const RosterMember = z.strictObject({
  name: z.string().max(60).optional(),
  role: choice(ROLES, 'anggota', 'Role in the group', 'Peran dalam kelompok'),
  skill: share(0.35, 'Entrepreneurial and technical skill', 'Keterampilan usaha dan teknis'),
  commitment: share(0.6, 'Commitment to the group', 'Komitmen pada kelompok'),
  integrity: share(0.7, 'Integrity with shared money', 'Kejujuran memegang uang bersama'),
  need: share(0.6, 'Economic need pulling time and money away', 'Desakan kebutuhan ekonomi'),
  leadership: share(0.4, 'Leadership ability', 'Kemampuan memimpin'),
  // Optional, with no default: a roster without it starts from group.priorAcquaintance alone,
  // exactly as before the field existed (§5 of docs/MODEL.md).
  trust: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .meta({ unit: '0–1', min: 0, max: 1, int: false, text: { en: 'Trust in the group at the start', id: 'Kepercayaan pada kelompok di awal' } } satisfies ParamMeta),
  disposition: choice(DISPOSITIONS, 'conditional', 'Cooperation disposition', 'Sikap kerja sama'),
  hiddenAgenda: z.boolean().default(false).meta({
    unit: 'yes/no',
    text: { en: 'Private aim is a share of the grant', id: 'Tujuan pribadi: bagian dari dana bantuan' },
  }),
});

const GroupSchema = z
  .strictObject({
    size: num({ min: 5, max: 30, default: 10, int: true, unit: 'families', en: 'Number of member families (ignored when a roster is given)', id: 'Jumlah keluarga anggota (diabaikan bila ada daftar anggota)' }),
    meetingIntervalWeeks: num({ min: 1, max: 13, default: 4, int: true, unit: 'weeks', en: 'Weeks between scheduled meetings (1 weekly, 2 fortnightly, 4 monthly)', id: 'Jarak antar pertemuan terjadwal (1 mingguan, 2 dua-mingguan, 4 bulanan)' }),
    homogeneity: share(0.5, 'Social similarity of members (evens initial trust, speeds trust-building, less friction)', 'Kesamaan sosial anggota (kepercayaan awal lebih merata, kepercayaan tumbuh lebih cepat, gesekan berkurang)'),
    priorAcquaintance: share(0.6, 'How well members knew each other before forming the group', 'Seberapa kenal anggota sebelum membentuk kelompok'),
    hiddenAgendaShare: share(0.2, 'Share of members whose private aim is their share of the grant', 'Porsi anggota yang tujuan pribadinya bagian dari dana bantuan'),
    goalClarity: share(0.5, 'Clarity of the group goals agreed at formation', 'Kejelasan tujuan kelompok saat dibentuk'),
    roleClarity: share(0.4, 'Clarity and division of roles at formation', 'Kejelasan dan pembagian peran saat dibentuk'),
    minMembers: num({ min: 2, max: 10, default: 3, int: true, unit: 'families', en: 'Fewest active members before the group dissolves', id: 'Jumlah anggota aktif paling sedikit sebelum kelompok bubar' }),
  })
  .prefault({});

const DispositionSchema = z
  .strictObject({
    conditional: share(0.5, 'Share of conditional cooperators', 'Porsi anggota yang bekerja sama bila yang lain juga'),
    freeRider: share(0.3, 'Share of free riders', 'Porsi penumpang gelap'),
    unconditional: share(0.2, 'Share of unconditional contributors', 'Porsi penyumbang tanpa syarat'),
  })
  .prefault({})
  .refine((d) => Math.abs(d.conditional + d.freeRider + d.unconditional - 1) < 1e-6, {
    message: 'the three shares must add up to 1',
  });

const MembersSchema = z
  .strictObject({
    skill: trait(0.35, 0.15, 'Skill', 'Keterampilan'),
    commitment: trait(0.6, 0.15, 'Commitment', 'Komitmen'),
    integrity: trait(0.7, 0.15, 'Integrity', 'Kejujuran'),
    need: trait(0.6, 0.15, 'Economic need', 'Desakan kebutuhan'),
    leadership: trait(0.4, 0.15, 'Leadership ability', 'Kemampuan memimpin'),
    dispositions: DispositionSchema,
    incomeAspiration: num({ min: 0, max: 5_000_000, default: 150_000, unit: 'Rp/month', en: 'Income per member per month that members hope the group pays', id: 'Pendapatan per anggota per bulan yang diharapkan dari kelompok' }),
    roster: z
      .array(RosterMember)
      .min(5)
      .max(30)
      .optional()
      .meta({ unit: 'members', min: 5, max: 30, text: { en: 'Explicit member roster (replaces the trait distributions)', id: 'Daftar anggota (menggantikan sebaran sifat)' } }),
  })
  .prefault({})
  .refine(
    (m) =>
      !m.roster ||
      (['ketua', 'sekretaris', 'bendahara'] as const).every(
        (r) => m.roster!.filter((x) => x.role === r).length <= 1,
      ),
    { message: 'a roster has at most one ketua, one sekretaris and one bendahara', path: ['roster'] },
  );

const BusinessSchema = z
  .strictObject({
    type: choice(BUSINESS_TYPES, 'livestock', 'Type of joint business', 'Jenis usaha bersama'),
    marketAccess: share(0.4, 'Access to buyers and fair prices', 'Akses ke pembeli dan harga yang wajar'),
    volatilityScale: num({ min: 0, max: 3, default: 1, unit: '×', en: 'Multiplier on the business type’s market volatility and shock rate', id: 'Pengali gejolak pasar dan peluang guncangan jenis usaha' }),
  })
  .prefault({});

const FinanceSchema = z
  .strictObject({
    reinvestShare: share(0.3, 'Share of profit put back into the business (the rest, less IKS, is paid to members)', 'Porsi laba yang ditanam kembali ke usaha (sisanya, setelah IKS, dibagikan)'),
    iksShare: num({ min: 0, max: 0.5, default: 0.1, unit: '0–1', en: 'Share of profit paid into the IKS social-solidarity fund', id: 'Porsi laba untuk Iuran Kesetiakawanan Sosial (IKS)' }),
    payoutRule: choice(['equal', 'byContribution'] as const, 'equal', 'How payouts are split among members', 'Cara membagi hasil kepada anggota'),
    bookkeeping: share(0.3, 'Quality of bookkeeping at the start', 'Mutu pembukuan di awal'),
  })
  .prefault({})
  .refine((f) => f.reinvestShare + f.iksShare <= 1 + 1e-9, {
    message: 'reinvestShare + iksShare must be at most 1',
  });

const InterventionSchema = z
  .strictObject({
    grant: z
      .strictObject({
        amount: num({ min: 0, max: 500_000_000, default: 25_000_000, unit: 'Rp', en: 'Stimulus grant (bantuan stimulan) in total', id: 'Bantuan stimulan seluruhnya' }),
        tranches: num({ min: 1, max: 6, default: 1, int: true, unit: 'tranches', en: 'Number of equal tranches the grant is paid in', id: 'Jumlah tahap pencairan bantuan' }),
        trancheIntervalWeeks: num({ min: 1, max: 52, default: 26, int: true, unit: 'weeks', en: 'Weeks between tranches', id: 'Jarak antar tahap pencairan' }),
      })
      .prefault({}),
    trainingDays: num({ min: 0, max: 60, default: 3, int: true, unit: 'days', en: 'Up-front skills and group training', id: 'Pelatihan keterampilan dan kelompok di awal' }),
    mentoring: z
      .strictObject({
        visitsPerMonth: num({ min: 0, max: 8, default: 1, unit: 'visits/month', en: 'Facilitator (pendamping) visits per month', id: 'Kunjungan pendamping per bulan' }),
        months: num({ min: 0, max: 120, default: 12, int: true, unit: 'months', en: 'Length of the mentoring programme', id: 'Lama pendampingan' }),
        organisingShare: share(0.3, 'Share of the facilitator’s time on organising the group (the rest on entrepreneurship)', 'Porsi waktu pendamping untuk pengorganisasian kelompok (sisanya kewirausahaan)'),
        quality: share(0.5, 'Facilitator’s own quality', 'Mutu pendamping'),
      })
      .prefault({}),
    costs: z
      .strictObject({
        perVisit: num({ min: 0, max: 10_000_000, default: 250_000, unit: 'Rp', en: 'Cost of one facilitator visit', id: 'Biaya satu kunjungan pendamping' }),
        perTrainingDayPerMember: num({ min: 0, max: 5_000_000, default: 100_000, unit: 'Rp', en: 'Cost of one training day for one member', id: 'Biaya satu hari pelatihan per anggota' }),
      })
      .prefault({}),
  })
  .prefault({});

/**
 * The model's uncertain constants for this scenario (a plausible world from scenarios/worlds/model-v2.json);
 * any left out take the central world's value. Not a planner's setting: the CLI sets them with
 * `--world K`, and they are kept out of the parameter table.
 */
const ConstantsSchema = z.strictObject(
  Object.fromEntries(
    CONSTANT_NAMES.map((k) => {
      const c = CONSTANTS[k];
      const meta: ParamMeta = { unit: c.unit, text: { en: c.text, id: c.text }, min: c.low, max: c.high, int: false };
      return [k, z.number().min(c.low).max(c.high).optional().meta(meta)];
    }),
  ) as Record<(typeof CONSTANT_NAMES)[number], z.ZodOptional<z.ZodNumber>>,
);

const TextSchema = z.strictObject({ en: z.string().max(4000), id: z.string().max(4000) });

/** The scenario as an object schema (before the roster sets the group size). */
export const ScenarioObjectSchema = z.strictObject({
  name: z.string().max(80).default('KUBE'),
  description: TextSchema.optional(),
  seed: num({ min: 0, max: 4294967295, default: 1, int: true, unit: 'seed', en: 'Random seed', id: 'Nomor acak (seed)' }),
  horizonWeeks: num({ min: 4, max: 1560, default: 156, int: true, unit: 'weeks', en: 'Simulated time', id: 'Lama simulasi' }),
  group: GroupSchema,
  members: MembersSchema,
  business: BusinessSchema,
  finance: FinanceSchema,
  intervention: InterventionSchema,
  constants: ConstantsSchema.optional(),
});

/** The scenario schema: a roster, when given, fixes `group.size` to its length. */
export const ScenarioSchema = ScenarioObjectSchema.superRefine((s, ctx) => {
  const size = s.members.roster?.length ?? s.group.size;
  if (s.group.minMembers > size) {
    ctx.addIssue({
      code: 'custom',
      path: ['group', 'minMembers'],
      message: `must be at most the group size (${size}), or the group dissolves at once`,
    });
  }
}).transform((s) => (s.members.roster ? { ...s, group: { ...s.group, size: s.members.roster.length } } : s));

/** A fully resolved scenario: every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** What a scenario file may contain: any subset of the parameters. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type RosterEntry = z.output<typeof RosterMember>;
