import type { Company, CompanyInput } from "@shien/contracts";

/** The form's text fields, as typed (numbers too, so a half-typed value is kept). */
export interface CompanyFormValues {
  corporateNumber: string;
  name: string;
  nameKana: string;
  representative: string;
  postalCode: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  industry: string;
  industryCode: string;
  employees: string;
  capitalYen: string;
  founded: string;
  sizeClass: string;
  soleProprietor: boolean;
  notes: string;
}

/** Fields the form shows server details beside (the API's field names). */
export const COMPANY_FIELDS = [
  "corporateNumber",
  "name",
  "nameKana",
  "representative",
  "postalCode",
  "address",
  "phone",
  "email",
  "website",
  "industry",
  "industryCode",
  "employees",
  "capitalYen",
  "founded",
  "sizeClass",
  "notes",
] as const;

export function emptyValues(): CompanyFormValues {
  return fromCompany(undefined);
}

export function fromCompany(c: Company | undefined): CompanyFormValues {
  return {
    corporateNumber: c?.corporateNumber ?? "",
    name: c?.name ?? "",
    nameKana: c?.nameKana ?? "",
    representative: c?.representative ?? "",
    postalCode: c?.postalCode ?? "",
    address: c?.address ?? "",
    phone: c?.phone ?? "",
    email: c?.email ?? "",
    website: c?.website ?? "",
    industry: c?.industry ?? "",
    industryCode: c?.industryCode ?? "",
    employees: c?.employees == null ? "" : String(c.employees),
    capitalYen: c?.capitalYen == null ? "" : String(c.capitalYen),
    founded: c?.founded ?? "",
    sizeClass: c?.sizeClass ?? "",
    soleProprietor: c?.soleProprietor ?? false,
    notes: c?.notes ?? "",
  };
}

const text = (v: string) => v.trim() || null;
const int = (v: string) => {
  const digits = v.replace(/[,\s]/g, "");
  return digits === "" ? null : Number(digits);
};

export function toInput(v: CompanyFormValues): CompanyInput {
  return {
    corporateNumber: text(v.corporateNumber),
    name: v.name.trim(),
    nameKana: text(v.nameKana),
    representative: text(v.representative),
    postalCode: text(v.postalCode),
    address: text(v.address),
    phone: text(v.phone),
    email: text(v.email),
    website: text(v.website),
    industry: text(v.industry),
    industryCode: text(v.industryCode),
    employees: int(v.employees),
    capitalYen: int(v.capitalYen),
    founded: text(v.founded),
    sizeClass: (text(v.sizeClass) as CompanyInput["sizeClass"]) ?? null,
    soleProprietor: v.soleProprietor,
    notes: text(v.notes),
  };
}

/**
 * What the duplicate check is asked about: only what the server would accept as typed so far
 * (a half-typed phone or 法人番号 would answer 400), and nothing until there is a name.
 */
export function duplicateProbe(v: CompanyFormValues): CompanyInput | null {
  const name = v.name.trim();
  if (name.length < 2) return null;
  const probe: CompanyInput = { name };
  const phone = v.phone.trim();
  if (phone.length <= 40 && (phone.normalize("NFKC").match(/\d/g)?.length ?? 0) >= 6) probe.phone = phone;
  const number = v.corporateNumber.trim();
  if (/^\d{13}$/.test(number)) probe.corporateNumber = number;
  if (v.address.trim()) probe.address = v.address.trim();
  if (v.nameKana.trim()) probe.nameKana = v.nameKana.trim();
  if (v.representative.trim()) probe.representative = v.representative.trim();
  return probe;
}
